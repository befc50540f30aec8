package org.planledger.shared.api;

/**
 * Keys of the metadata every event carries. Values are strings so that any verifier can read them without the
 * application's classes. The recorded time is the event's own timestamp, never a metadata value.
 */
public final class LedgerMetaData {

    /** The authenticated principal who sent the command. */
    public static final String ACTOR_USER = "actorUser";
    /** The directory id of the actor's agency, empty for users not bound to an agency. */
    public static final String ACTOR_AGENCY = "actorAgency";
    /** The actor's role: PLAN_ADMIN, AGENCY_OFFICER, INSPECTOR or SYSTEM. */
    public static final String ACTOR_ROLE = "actorRole";
    /** The date (ISO) from which the change is in force. */
    public static final String EFFECTIVE_ON = "effectiveOn";
    /** Why the change was made, as the actor stated it. */
    public static final String REASON = "reason";
    /** Number of the legal document the change rests on. */
    public static final String BASIS_NUMBER = "basisNumber";
    /** Date (ISO) of the legal document the change rests on. */
    public static final String BASIS_DATE = "basisDate";
    /** Number of the amendment decision a change belongs to (every event of the decision carries it). */
    public static final String DECISION_NUMBER = "decisionNumber";
    /** Date (ISO) of the amendment decision a change belongs to. */
    public static final String DECISION_DATE = "decisionDate";
    /** The HTTP request id (X-Request-Id), echoed to the client. */
    public static final String REQUEST_ID = "requestId";
    /** Axon's correlation id: the id of the message that caused this one. */
    public static final String CORRELATION_ID = "correlationId";

    private LedgerMetaData() {
    }
}
