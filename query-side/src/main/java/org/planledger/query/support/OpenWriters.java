package org.planledger.query.support;

import java.time.Instant;
import java.time.OffsetDateTime;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * When the oldest transaction of this database that could still fill an empty global position began, by the
 * database's own clock. PostgreSQL hands out positions before transactions commit, so a position below the newest
 * visible event may be empty because its transaction rolled back (the gap stays forever) or because it is still
 * open (the event will appear). The holder of an empty position below a visible event took that position, and so
 * began, before the moment the gap was first seen; once every transaction that began by then and has written (or is
 * in the middle of a statement, the moment between taking a position and writing the row) has ended, the gap is
 * final. Asked before the events are read, so that a holder that commits in between is seen by the read. No clock of
 * this process and no timestamp stored in an event enter the rule. The sessions that append must be visible in
 * {@code pg_stat_activity}: the same role, or a role granted {@code pg_read_all_stats}.
 *
 * @param oldestWriterBegan when the oldest such transaction began; null when none is open
 * @param now               the database's clock at the same moment
 */
public record OpenWriters(Instant oldestWriterBegan, Instant now) {

    private static final String QUERY = """
            select (select min(xact_start) from pg_stat_activity
                    where datname = current_database() and pid <> pg_backend_pid() and backend_type = 'client backend'
                      and xact_start is not null and (backend_xid is not null or state = 'active')) as oldest,
                   clock_timestamp() as now""";

    public static OpenWriters now(JdbcTemplate jdbc) {
        return jdbc.queryForObject(QUERY, (rs, i) -> {
            OffsetDateTime oldest = rs.getObject("oldest", OffsetDateTime.class);
            return new OpenWriters(oldest == null ? null : oldest.toInstant(),
                    rs.getObject("now", OffsetDateTime.class).toInstant());
        });
    }

    /** Whether a gap first seen at {@code seenAt} is final: no transaction that could fill it is still open. */
    public boolean isFinal(Instant seenAt) {
        return oldestWriterBegan == null || seenAt.isBefore(oldestWriterBegan);
    }
}
