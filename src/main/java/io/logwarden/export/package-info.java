/** Streaming export jobs and their signed manifests. */
package io.logwarden.export;
