/** Views of exports and of the retention dry run. */
package io.logwarden.export.ui;
