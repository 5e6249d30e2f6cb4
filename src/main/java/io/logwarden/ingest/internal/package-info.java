/** Implementation of ingestion: transports, journal record codec, shipper and wiring. */
package io.logwarden.ingest.internal;
