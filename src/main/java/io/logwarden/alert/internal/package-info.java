/** Implementation of the alert feature: evaluation, state, scheduling and the glue to storage. */
package io.logwarden.alert.internal;
