/** HTTP API of retention. */
package io.logwarden.retention.internal;
