package org.planledger.query.support;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.format.DateTimeParseException;
import org.axonframework.messaging.MetaData;
import org.planledger.shared.api.LedgerMetaData;

/**
 * The date from which an event's change is in force: the event's own {@code effectiveOn} where it has one, else the
 * {@code effectiveOn} of its metadata, else the date it was recorded (in the ledger's zone).
 */
public final class EffectiveDate {

    private EffectiveDate() {
    }

    public static LocalDate of(LocalDate fromPayload, MetaData metaData, Instant recordedAt, ZoneId zone) {
        if (fromPayload != null) {
            return fromPayload;
        }
        Object stated = metaData == null ? null : metaData.get(LedgerMetaData.EFFECTIVE_ON);
        if (stated != null && !stated.toString().isBlank()) {
            try {
                return LocalDate.parse(stated.toString());
            } catch (DateTimeParseException e) {
                // an unreadable stated date is treated as not stated
            }
        }
        return LocalDate.ofInstant(recordedAt, zone);
    }

    public static LocalDate latest(LocalDate a, LocalDate b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a.isAfter(b) ? a : b;
    }
}
