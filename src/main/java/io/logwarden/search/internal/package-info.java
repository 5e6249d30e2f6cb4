/** Search internals: the Lucene query validator, time-range parsing, cursors and the live-tail poller. */
package io.logwarden.search.internal;
