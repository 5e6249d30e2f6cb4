/** Login page, administration views and the security set-up of the Vaadin UI. */
package io.logwarden.security.ui;
