/** Health indicators backed by the storage and ingest services. */
package io.logwarden.health.internal;
