/** Elasticsearch client wiring, start-up checks, template installation and the query adapters behind storage's services. */
package io.logwarden.storage.internal;
