/**
 * Export job machinery: leases and scheduling across instances, the scan-write-checkpoint run, file writers,
 * manifests, data-subject anonymisation, expiry, metrics and the HTTP API.
 */
package io.logwarden.export.internal;
