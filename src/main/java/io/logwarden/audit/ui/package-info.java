/** The audit trail browser. */
package io.logwarden.audit.ui;
