package io.logwarden.audit.internal;

import io.logwarden.audit.ChainVerification.BrokenLink;
import io.logwarden.storage.AuditTrailStore.StoredRecord;
import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** Walks one day's records in sequence order and remembers the first that does not link to its predecessor. */
final class ChainVerifier implements Consumer<StoredRecord> {

    private final LocalDate day;
    private long expectedSequence = 1;
    private String previousHash = ChainHash.GENESIS;
    private long checked;
    private BrokenLink broken;

    ChainVerifier(LocalDate day) {
        this.day = day;
    }

    @Override
    public void accept(StoredRecord record) {
        if (broken != null) {
            return;
        }
        checked++;
        Map<String, Object> source = record.source();
        if (!(source.get("chain") instanceof Map<?, ?> chain)) {
            broken = new BrokenLink(day, expectedSequence, record.id(), "record has no chain fields");
            return;
        }
        long sequence = chain.get("sequence") instanceof Number n ? n.longValue() : -1;
        if (sequence != expectedSequence) {
            broken = new BrokenLink(day, expectedSequence, record.id(), sequence < expectedSequence
                    ? "sequence " + sequence + " appears twice or out of order"
                    : "record " + expectedSequence + " is missing (next found: " + sequence + ")");
            return;
        }
        if (!ChainHash.id(sequence).equals(record.id())) {
            broken = new BrokenLink(day, sequence, record.id(), "record is stored under a foreign id");
            return;
        }
        if (!previousHash.equals(chain.get("previous_hash"))) {
            broken = new BrokenLink(day, sequence, record.id(),
                    "previous_hash does not match the hash of record " + (sequence - 1));
            return;
        }
        String computed = ChainHash.of(source);
        if (!computed.equals(chain.get("hash"))) {
            broken = new BrokenLink(day, sequence, record.id(), "content does not match its hash (record altered)");
            return;
        }
        previousHash = computed;
        expectedSequence++;
    }

    long checked() {
        return checked;
    }

    Optional<BrokenLink> firstBroken() {
        return Optional.ofNullable(broken);
    }
}
