/** Vaadin views of the alert feature. */
package io.logwarden.alert.ui;
