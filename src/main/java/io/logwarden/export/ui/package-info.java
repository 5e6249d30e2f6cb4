/** Vaadin views of the export feature. */
package io.logwarden.export.ui;
