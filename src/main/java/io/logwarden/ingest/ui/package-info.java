/** Admin views of ingestion: the live status panel and the dead-letter browser. */
package io.logwarden.ingest.ui;
