package org.planledger.shared.api;

/**
 * Every fact the ledger records: an event of a plan or of an activity. The hierarchy is sealed, so the read side
 * folds it through visitors ({@link PlanEvent.Visitor}, {@link ActivityEvent.Visitor}): a new event type that a
 * fold does not handle is a compile error, never a silent drop. {@code EventCatalogue} names every permitted type.
 */
public sealed interface LedgerEvent permits PlanEvent, ActivityEvent {
}
