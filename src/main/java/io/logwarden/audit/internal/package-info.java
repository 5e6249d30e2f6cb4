/** The hash chain, its storage adapter use, login auditing and the audit REST API. */
package io.logwarden.audit.internal;
