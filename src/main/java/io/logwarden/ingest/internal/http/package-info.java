/** The NDJSON HTTP input, {@code POST /api/v1/ingest}. */
package io.logwarden.ingest.internal.http;
