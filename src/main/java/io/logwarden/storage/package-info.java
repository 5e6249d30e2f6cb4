/** The only package that talks to Elasticsearch: client, templates, index naming, bulk, search adapters, retention. */
package io.logwarden.storage;
