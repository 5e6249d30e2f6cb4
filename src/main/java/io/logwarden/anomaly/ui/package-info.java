/** Vaadin views of the anomaly feature. */
package io.logwarden.anomaly.ui;
