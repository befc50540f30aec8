package org.planledger.query.ledger;

import java.time.Instant;

/**
 * A published chain head: the digest of every event up to a global position (docs/LEDGER-HASH.md), and when the
 * ledger first handed it out. Keep it: {@code GET /api/ledger/verify?digest=…&position=…} tells later whether the
 * ledger still extends it.
 */
public record Digest(long position, String digest, Instant at) {
}
