/** Benchmarks run by the scripts under bench/ (not tests). */
package io.logwarden.bench;
