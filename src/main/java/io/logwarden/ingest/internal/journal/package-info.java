/** A small segmented, CRC32C-checksummed append-only disk log with group commit and a checkpoint file. */
package io.logwarden.ingest.internal.journal;
