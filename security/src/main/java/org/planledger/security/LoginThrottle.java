package org.planledger.security;

import io.micrometer.core.instrument.Metrics;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Counts failed logins per attempted user name in PostgreSQL ({@code login_throttle}), so that both services and all
 * their instances share one count. After {@code maxFailures} failures within {@code window} the name is locked for
 * {@code lockFor}: every login with it is refused before its password is even checked.
 */
public class LoginThrottle {

    private static final int MAX_NAME = 200;

    private final JdbcTemplate jdbc;
    private final Clock clock;
    private final SecurityProperties.Login settings;
    private final SecurityLog log;

    public LoginThrottle(JdbcTemplate jdbc, Clock clock, SecurityProperties.Login settings, SecurityLog log) {
        this.jdbc = jdbc;
        this.clock = clock;
        this.settings = settings;
        this.log = log;
    }

    /**
     * Refuses a locked name.
     *
     * @return whether earlier failures are on record (a success then clears them)
     */
    public boolean requireNotLocked(String username) {
        String name = bounded(username);
        List<OffsetDateTime> lock = jdbc.query("select locked_until from login_throttle where username = ?",
                (rs, i) -> rs.getObject(1, OffsetDateTime.class), name);
        if (lock.isEmpty()) {
            return false;
        }
        OffsetDateTime until = lock.get(0);
        if (until != null && until.toInstant().isAfter(clock.instant())) {
            throw new LoginLockedException(name, until.toInstant());
        }
        return true;
    }

    /** Counts a failure; the one that reaches {@code maxFailures} within the window locks the name. */
    public void failed(String username) {
        // Micrometer's global registry holds each service's own (README, "Metrics")
        Metrics.counter("planledger.login.failures").increment();
        String name = bounded(username);
        Instant now = clock.instant();
        OffsetDateTime at = utc(now);
        OffsetDateTime windowFloor = utc(now.minus(settings.window()));
        OffsetDateTime lockedUntil = utc(now.plus(settings.lockFor()));
        // a window that has passed, or a lock that has ended, starts a new count
        String fresh = "(t.window_start < ? or (t.locked_until is not null and t.locked_until <= ?))";
        Integer failures = jdbc.queryForObject("""
                insert into login_throttle as t (username, failures, window_start, locked_until)
                values (?, 1, ?, case when 1 >= ? then ?::timestamptz end)
                on conflict (username) do update set
                    failures = case when %1$s then 1 else t.failures + 1 end,
                    window_start = case when %1$s then excluded.window_start else t.window_start end,
                    locked_until = case when (case when %1$s then 1 else t.failures + 1 end) >= ? then ?::timestamptz end
                returning failures""".formatted(fresh), Integer.class,
                name, at, settings.maxFailures(), lockedUntil,
                windowFloor, at, windowFloor, at, windowFloor, at, settings.maxFailures(), lockedUntil);
        if (failures != null && failures == settings.maxFailures()) {
            log.locked(name, failures, lockedUntil.toInstant());
        }
        // forget names whose window and lock have both passed
        jdbc.update("delete from login_throttle where window_start < ? and (locked_until is null or locked_until <= ?)",
                windowFloor, at);
    }

    /** A successful login clears the name's failures. */
    public void succeeded(String username) {
        jdbc.update("delete from login_throttle where username = ?", bounded(username));
    }

    private static OffsetDateTime utc(Instant instant) {
        return instant.atOffset(ZoneOffset.UTC);
    }

    private static String bounded(String username) {
        String name = username == null ? "" : username;
        return name.length() > MAX_NAME ? name.substring(0, MAX_NAME) : name;
    }
}
