package org.planledger.shared.api;

/** What a plan keeper decided about a report: it stands as sent, or it goes back to its agency with a reason. */
public enum ReviewOutcome {
    ACCEPTED,
    RETURNED
}
