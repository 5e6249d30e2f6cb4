/** Benchmark of the overview dashboard's queries and its render time in a real browser. */
package io.logwarden.bench.dashboard;
