/** Main layout, navigation and UI pieces shared by all views. */
package io.logwarden.base.ui;
