package io.logwarden.storage;

import java.util.List;

/**
 * One page of a scan.
 *
 * @param events the hits, in scan order
 * @param next   the cursor to continue from; pass it to the next call
 * @param last   whether the scan is complete
 */
public record ScanPage(List<ScannedEvent> events, ScanCursor next, boolean last) {
}
