/** Vaadin views of the search feature. */
package io.logwarden.search.ui;
