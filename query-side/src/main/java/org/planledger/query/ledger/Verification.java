package org.planledger.query.ledger;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;

/**
 * The outcome of recomputing the hash chain from the stored events, and of checking the read models against them.
 *
 * @param verified       the chain verifies and the read models are complete up to the sealed position
 * @param chainVerified  no event differs from the chain sealed over it (and, when a digest was given, the ledger still
 *                       extends it)
 * @param sealedPosition the global position up to which the chain is sealed
 * @param chainHead      the sealed chain head at that position (hex)
 * @param eventsChecked  stored events compared with the chain
 * @param unsealedEvents events above the sealed position, not yet covered
 * @param firstMismatch  the first event that does not match, or null
 * @param digest         the check of the digest given, or null
 * @param guard          whether the database still refuses changes to the event table, and to whom
 * @param readModels     whether every read model accounted for every event up to the sealed position
 * @param millis         how long the verification took
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Verification(boolean verified, boolean chainVerified, long sealedPosition, String chainHead, long eventsChecked,
        long unsealedEvents, Mismatch firstMismatch, DigestCheck digest, Guard guard, ReadModels readModels, long millis) {

    /** The chain's outcome alone (read models not checked yet). */
    static Verification ofChain(boolean chainVerified, long sealedPosition, String chainHead, long eventsChecked,
            long unsealedEvents, Mismatch firstMismatch, DigestCheck digest, Guard guard, long millis) {
        return new Verification(chainVerified, chainVerified, sealedPosition, chainHead, eventsChecked, unsealedEvents,
                firstMismatch, digest, guard, null, millis);
    }

    /** Adds the read models' check: verified only if the chain and the read models both are. */
    Verification with(ReadModels models, long totalMillis) {
        return new Verification(chainVerified && models.complete(), chainVerified, sealedPosition, chainHead,
                eventsChecked, unsealedEvents, firstMismatch, digest, guard, models, totalMillis);
    }

    public enum Kind {
        @Schema(description = "the event at its sealed position hashes differently: a stored column (or its chain record) changed")
        ALTERED,
        @Schema(description = "the event sealed at this position is gone")
        MISSING,
        @Schema(description = "an event stands at a position that was empty when the chain was sealed past it")
        INSERTED,
        @Schema(description = "the event here was sealed at another position, or the event sealed here stands elsewhere")
        REORDERED
    }

    /**
     * The first position where the stored events and the sealed chain disagree.
     *
     * @param position            global position
     * @param aggregateIdentifier the aggregate of the event found there (of the sealed one when it is missing)
     * @param sequenceNumber      its sequence number
     * @param otherPosition       for {@code REORDERED}: where the event was sealed, or where the sealed event now is
     * @param sealedEventHash     the event hash sealed for this position (hex), null if none
     * @param storedEventHash     the hash of the event stored at this position now (hex), null if none
     */
    public record Mismatch(long position, String aggregateIdentifier, long sequenceNumber, Kind kind, String detail,
            Long otherPosition, String sealedEventHash, String storedEventHash) {
    }

    /**
     * Whether the ledger still extends a digest handed out earlier: the chain recomputed from the stored events up to
     * {@code position} equals {@code digest}.
     *
     * @param publishedAt when this ledger published exactly this digest for this position; null if its record of
     *                    published digests has no such entry
     */
    public record DigestCheck(long position, String digest, boolean confirmed, String recomputed, Instant publishedAt) {
    }

    /**
     * @param role                      the database role the service connects as
     * @param triggersEnabled           the append-only triggers of the event and chain tables are all enabled
     * @param roleCanBypassTriggers     that role is a superuser or owns one of those tables, so it could disable them
     */
    public record Guard(String role, boolean triggersEnabled, boolean roleCanBypassTriggers) {
    }
}
