/** Ships journal records to Elasticsearch and checkpoints the journal once Elasticsearch has confirmed them. */
package io.logwarden.ingest.internal.ship;
