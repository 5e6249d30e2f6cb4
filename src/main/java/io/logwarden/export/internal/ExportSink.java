package io.logwarden.export.internal;

import java.io.BufferedOutputStream;
import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.zip.GZIPOutputStream;

/**
 * The bytes of an export file, opened at a checkpoint offset (anything after it is cut off). A checkpoint flushes
 * everything to disk and, when compressing, ends the current gzip member: a gzip file may hold several members, so
 * a resumed job appends a new member and the file stays one valid gzip stream.
 */
final class ExportSink implements AutoCloseable {

    private final FileChannel channel;
    private final BufferedOutputStream file;
    private final boolean gzip;
    private GZIPOutputStream member;

    /** Stream for the writers; it survives checkpoints. */
    final OutputStream out = new OutputStream() {
        @Override
        public void write(int b) throws IOException {
            current().write(b);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            current().write(b, off, len);
        }

        @Override
        public void flush() throws IOException {
            current().flush();
        }
    };

    ExportSink(Path path, long offset, boolean gzip) throws IOException {
        this.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        channel.truncate(offset);
        channel.position(offset);
        this.file = new BufferedOutputStream(Channels.newOutputStream(channel), 1 << 16);
        this.gzip = gzip;
    }

    private OutputStream current() throws IOException {
        if (!gzip) {
            return file;
        }
        if (member == null) {
            member = new GZIPOutputStream(new FilterOutputStream(file) {
                @Override
                public void write(byte[] b, int off, int len) throws IOException {
                    out.write(b, off, len);
                }

                @Override
                public void close() {
                    // the file outlives gzip members
                }
            }, 1 << 16);
        }
        return member;
    }

    /** Makes everything written so far durable and returns the file length: a position to resume from. */
    long checkpoint() throws IOException {
        if (member != null) {
            member.finish();
            member = null;
        }
        file.flush();
        channel.force(false);
        return channel.position();
    }

    /** Final checkpoint; an empty compressed file still gets one (empty) gzip member. */
    long finish() throws IOException {
        if (gzip && member == null && channel.position() == 0) {
            current();
        }
        return checkpoint();
    }

    @Override
    public void close() throws IOException {
        try {
            file.flush();
        } finally {
            channel.close();
        }
    }
}
