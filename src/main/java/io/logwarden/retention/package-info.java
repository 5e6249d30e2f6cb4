/** Data lifecycle: per-category retention by deleting whole daily indices, with dry-run preview and legal holds. */
package io.logwarden.retention;
