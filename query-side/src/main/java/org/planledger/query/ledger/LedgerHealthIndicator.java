package org.planledger.query.ledger;

import java.time.Duration;
import java.time.Instant;
import org.springframework.boot.actuate.health.AbstractHealthIndicator;
import org.springframework.boot.actuate.health.Health;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Health component {@code ledger}: how far the hash chain is sealed ({@code sealedPosition}, the events stored but not
 * sealed yet, and since when the oldest of them waits) and whether this instance is the one sealing (one sealer at a
 * time across instances: the one that got the advisory lock in the last few seconds). Always UP while the database
 * answers (the {@code db} component says when it does not): sealing behind is lag, not a fault.
 */
@Component
class LedgerHealthIndicator extends AbstractHealthIndicator {

    /** Several sealing rounds: an instance that held the lock this recently is the sealer. */
    private static final Duration SEALER_RECENTLY = Duration.ofSeconds(5);

    private final JdbcTemplate jdbc;
    private final LedgerSealer sealer;

    LedgerHealthIndicator(JdbcTemplate jdbc, LedgerSealer sealer) {
        super("the ledger's chain could not be checked");
        this.jdbc = jdbc;
        this.sealer = sealer;
    }

    @Override
    protected void doHealthCheck(Health.Builder health) {
        long sealed = ChainHead.of(jdbc).position();
        Long unsealed = jdbc.queryForObject("select count(*) from domain_event_entry where global_index > ?", Long.class,
                sealed);
        Double waiting = jdbc.queryForObject("""
                select extract(epoch from clock_timestamp() - min(time_stamp::timestamptz))
                from domain_event_entry where global_index > ?""", Double.class, sealed);
        Instant lockedHere = sealer.lockedHereAt();
        health.up().withDetail("sealedPosition", sealed)
                .withDetail("unsealedEvents", unsealed == null ? 0 : unsealed)
                .withDetail("unsealedForSeconds", waiting == null ? 0 : Math.max(0, Math.round(waiting * 10) / 10.0))
                .withDetail("sealingHere", lockedHere != null
                        && lockedHere.isAfter(Instant.now().minus(SEALER_RECENTLY)) && sealer.isRunning());
        if (sealer.lastFailure() != null) {
            health.withDetail("lastFailure", sealer.lastFailure());
        }
    }
}
