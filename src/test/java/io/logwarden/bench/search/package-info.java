/** bench/search: latency of the search view's queries through Logwarden versus Elasticsearch directly. */
package io.logwarden.bench.search;
