/** Pure rule logic: conditions from counts and signals, and the per-group state machine with noise control. */
package io.logwarden.alert.internal.rule;
