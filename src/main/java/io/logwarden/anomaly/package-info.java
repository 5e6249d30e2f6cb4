/** Feature extraction and Smile scoring of anomalies, and anomaly records. */
package io.logwarden.anomaly;
