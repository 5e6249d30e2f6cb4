/** Notifications to channels: one-attempt sends, and the outbox that keeps undelivered ones until done. */
package io.logwarden.alert.internal.delivery;
