/** Detectors, robust baselines and the scheduled runner behind the anomaly service. */
package io.logwarden.anomaly.internal;
