/** Streaming export jobs of searches and dashboard widgets, their signed manifests, and data-subject requests. */
package io.logwarden.export;
