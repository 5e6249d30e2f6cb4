package io.logwarden.ingest.internal.journal;

import io.logwarden.ingest.FsyncPolicy;

import java.nio.file.Path;
import java.time.Duration;

/**
 * Settings of a {@link DiskJournal}.
 *
 * @param directory      where segments, the checkpoint and the journal id live
 * @param segmentBytes   a segment is closed and a new one started past this size
 * @param maxBytes       size cap over all segments not yet checkpointed away; appends wait beyond it
 * @param maxRecordBytes larger records are refused (and a larger length read back is treated as corruption)
 * @param fsyncPolicy    when records are forced to disk
 * @param fsyncInterval  the longest a record stays unsynced under {@link FsyncPolicy#BATCH}
 */
public record JournalSettings(Path directory, long segmentBytes, long maxBytes, int maxRecordBytes,
                              FsyncPolicy fsyncPolicy, Duration fsyncInterval) {

    public JournalSettings {
        if (segmentBytes < maxRecordBytes + 8L) {
            throw new IllegalArgumentException("segment size must exceed the maximum record size");
        }
        if (maxBytes < 2 * segmentBytes) {
            throw new IllegalArgumentException("journal max size must be at least two segments");
        }
    }

    public static JournalSettings defaults(Path directory) {
        return new JournalSettings(directory, 64L << 20, 4L << 30, 2 << 20, FsyncPolicy.BATCH, Duration.ofMillis(100));
    }
}
