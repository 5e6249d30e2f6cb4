/** Bulk indexing with BulkIngester over a transport that sends each request body as one buffer. */
package io.logwarden.storage.internal.bulk;
