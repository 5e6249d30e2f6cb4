/** Logwarden's own audit trail with its hash chain. */
package io.logwarden.audit;
