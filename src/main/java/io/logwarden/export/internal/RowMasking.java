package io.logwarden.export.internal;

import io.logwarden.security.CurrentUser;
import io.logwarden.security.PiiMasker;
import io.logwarden.storage.ScannedEvent;
import java.util.Map;
import org.springframework.stereotype.Component;

/**
 * The single hook through which every exported row passes for PII masking: the platform's one PII policy
 * ({@link PiiMasker}: built-in and configured fields, PII keys inside labels and audit blobs), in the same format as
 * the UI ({@code j***@example.com}, {@code 10.0.x.x}, {@code ***}).
 */
@Component
class RowMasking {

    private final PiiMasker masker;

    RowMasking(PiiMasker masker) {
        this.masker = masker;
    }

    ScannedEvent mask(ScannedEvent event, CurrentUser user) {
        if (user.piiVisible()) {
            return event;
        }
        Map<String, Object> source = masker.mask(event.source());
        return new ScannedEvent(event.index(), event.id(), source);
    }
}
