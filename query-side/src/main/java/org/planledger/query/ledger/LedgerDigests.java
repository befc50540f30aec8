package org.planledger.query.ledger;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import org.planledger.shared.ledger.LedgerHash;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionTemplate;

/** Publishes the sealed chain head as a digest and keeps every digest published ({@code ledger_digest}). */
@Component
public class LedgerDigests {

    private static final Logger log = LoggerFactory.getLogger(LedgerDigests.class);

    private final JdbcTemplate jdbc;
    private final TransactionTemplate transactions;
    private final Clock clock;

    LedgerDigests(JdbcTemplate jdbc, TransactionTemplate transactions, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.clock = clock;
    }

    /** The digest at the sealed head; the first time a position is published, it is recorded with the time. */
    public Digest publish() {
        return transactions.execute(status -> {
            ChainHead head = ChainHead.of(jdbc);
            jdbc.update("""
                    insert into ledger_digest (position, digest, published_at) values (?, ?, ?)
                    on conflict (position) do nothing""",
                    head.position(), head.hash(), Timestamp.from(clock.instant()));
            List<Digest> kept = jdbc.query("select digest, published_at from ledger_digest where position = ?",
                    (rs, i) -> new Digest(head.position(), LedgerHash.hex(rs.getBytes(1)),
                            rs.getObject(2, OffsetDateTime.class).toInstant()),
                    head.position());
            Digest digest = new Digest(head.position(), LedgerHash.hex(head.hash()), clock.instant());
            if (kept.isEmpty() || !kept.get(0).digest().equals(digest.digest())) {
                log.warn("the digest kept for position {} differs from the sealed chain head {}: "
                        + "the chain or the digest record was altered", head.position(), digest.digest());
                return digest;
            }
            return kept.get(0);
        });
    }
}
