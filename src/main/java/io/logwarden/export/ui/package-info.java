/** The Exports view: start, follow, cancel, download and verify exports. */
package io.logwarden.export.ui;
