/** Delivery of notifications over channels with retries and exponential back-off for temporary failures. */
package io.logwarden.alert.internal.delivery;
