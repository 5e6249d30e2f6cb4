/** Vaadin views of the analytics feature. */
package io.logwarden.analytics.ui;
