package org.planledger.shared.ledger;

/**
 * One row of the event table exactly as stored: every column but the global position, text as PostgreSQL returns it
 * and payload and metadata as the raw bytes. This is what the ledger hash covers (see {@code docs/LEDGER-HASH.md}).
 * Columns that may be SQL NULL ({@code aggregateType}, {@code payloadRevision}, {@code metaData}) are Java null.
 * The byte arrays are compared by reference in {@code equals}: compare hashes, not records.
 */
public record StoredEvent(
        String eventIdentifier,
        String aggregateType,
        String aggregateIdentifier,
        long sequenceNumber,
        String timestamp,
        String payloadType,
        String payloadRevision,
        byte[] payload,
        byte[] metaData) {
}
