/** Transports (TCP json_lines, HTTP NDJSON), codecs, the disk journal and the shipper into storage. */
package io.logwarden.ingest;
