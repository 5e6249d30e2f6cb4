/** Evaluation programs of the anomaly detectors (NAB series, injected anomalies in Elasticsearch). */
package io.logwarden.bench.anomaly;
