/** Export job execution: scanning, file writers, checkpoints, manifests, file expiry and the HTTP API. */
package io.logwarden.export.internal;
