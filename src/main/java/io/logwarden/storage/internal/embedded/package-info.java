/** Runs a local single-node Elasticsearch from the integ-test distribution, as an unprivileged user when root. */
package io.logwarden.storage.internal.embedded;
