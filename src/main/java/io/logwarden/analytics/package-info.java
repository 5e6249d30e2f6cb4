/** Time-series and breakdown queries behind the charts. */
package io.logwarden.analytics;
