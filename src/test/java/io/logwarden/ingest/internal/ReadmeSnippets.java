package io.logwarden.ingest.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Code blocks of README.md, so tests run what users copy. */
final class ReadmeSnippets {

    private ReadmeSnippets() {
    }

    /** The first fenced block of {@code language} after the heading line {@code heading} ("### ..."). */
    static String block(String heading, String language) {
        String readme;
        try {
            readme = Files.readString(Path.of("README.md"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int at = readme.indexOf("\n" + heading + "\n");
        if (at < 0) {
            throw new IllegalStateException("README.md has no heading " + heading);
        }
        String fence = "```" + language + "\n";
        int start = readme.indexOf(fence, at) + fence.length();
        int end = readme.indexOf("\n```", start);
        return readme.substring(start, end + 1);
    }
}
