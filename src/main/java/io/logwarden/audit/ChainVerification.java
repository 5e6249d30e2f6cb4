package io.logwarden.audit;

import java.time.LocalDate;

/**
 * Result of checking the audit hash chain over a range of UTC days.
 *
 * @param from           first day checked
 * @param to             last day checked (inclusive)
 * @param intact         true when every record of every day links correctly
 * @param recordsChecked records read
 * @param firstBrokenLink the earliest broken link, or null when intact
 */
public record ChainVerification(LocalDate from, LocalDate to, boolean intact, long recordsChecked,
                                BrokenLink firstBrokenLink) {

    /**
     * Where the chain breaks.
     *
     * @param day      UTC day of the broken record's index
     * @param sequence the sequence number expected at that place
     * @param id       document id of the record found there (null when it is missing)
     * @param reason   what does not match
     */
    public record BrokenLink(LocalDate day, long sequence, String id, String reason) {
    }
}
