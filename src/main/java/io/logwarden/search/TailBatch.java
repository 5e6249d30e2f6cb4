package io.logwarden.search;

import java.util.List;

/**
 * New events delivered by a live tail.
 *
 * @param events  new matching events, oldest first
 * @param skipped new matching events not delivered because more arrived than the rate limit allows (the newest are
 *                kept); at least this many (a flood is not counted exactly), and they are not delivered later
 * @param error   why this poll failed (the tail keeps trying), else null
 */
public record TailBatch(List<FoundEvent> events, long skipped, String error) {
}
