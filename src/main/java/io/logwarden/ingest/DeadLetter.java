package io.logwarden.ingest;

import java.time.Instant;

/**
 * One dead letter: an input line that did not become an event, an event Elasticsearch refused, or an unreadable
 * journal record.
 *
 * @param id               document id (journal id + position: a replay rewrites the same dead letter)
 * @param receivedAt       when the input received it
 * @param reason           reason code ({@code malformed_json}, {@code line_too_long}, an Elasticsearch error type...)
 * @param detail           a short explanation
 * @param input            {@code tcp}, {@code http}, {@code index} (refused by Elasticsearch) or {@code journal}
 * @param sender           API key id (HTTP) or remote address (TCP), when known
 * @param original         the original line as text, or base64 when it was not valid UTF-8
 * @param base64           whether {@code original} is base64
 * @param originalLength   length in bytes of the whole original line
 * @param truncated        whether only the beginning of the line was kept
 * @param targetIndex      for a refused event: the events index it was meant for
 * @param document         for a refused event: the normalised document Elasticsearch refused
 */
public record DeadLetter(String id, Instant receivedAt, String reason, String detail, String input, String sender,
                         String original, boolean base64, long originalLength, boolean truncated,
                         String targetIndex, String document) {
}
