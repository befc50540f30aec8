package org.planledger.query.history;

import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DocumentRef;

/**
 * For tests of other packages (the console's browser test): the query side in this JVM with the Sơn La plan
 * recorded as the command side would (loaded 4 January 2024), then the inspection scenario of
 * {@code demo/sonla-inspection.sh} (IV.8's milestone moved to 31/12/2024 on a basis back-dated to 1 June, IV.8
 * reassigned to Sở Nội vụ), plus a
 * reschedule without a legal basis, a report and a completion; the clock set to {@link #TODAY}.
 */
public final class SonLaQuerySide implements AutoCloseable {

    public static final Instant TODAY = Instant.parse("2024-09-16T03:00:00Z");
    public static final Instant LOADED = Instant.parse("2024-01-04T02:00:00Z");
    /** Recorded time of the reschedule of IV.8 (20 June 2024), in force from 1 June. */
    public static final Instant RESCHEDULED = Instant.parse("2024-06-20T02:00:00Z");

    private final QuerySide querySide;

    private SonLaQuerySide(QuerySide querySide) {
        this.querySide = querySide;
    }

    public static SonLaQuerySide start(String planId) {
        return start(planId, "_console");
    }

    /** The same on a database of its own (name + {@code suffix}), with more properties ({@code name=value}). */
    public static SonLaQuerySide start(String planId, String suffix, String... properties) {
        String[] all = new String[properties.length + 1];
        all[0] = "spring.datasource.url=" + ownDatabase(suffix);
        System.arraycopy(properties, 0, all, 1, properties.length);
        QuerySide querySide = QuerySide.start(all);
        try {
            LedgerSimulation ledger = SonLaLedger.load(planId, LOADED, 0);
            ledger.advance(Duration.between(LOADED, RESCHEDULED));
            require(ledger.reschedule("IV.8", "m1", LocalDate.of(2024, 12, 31), "chờ Kết luận của Ban Thường vụ Tỉnh ủy",
                    new DocumentRef("1234/UBND-NC", LocalDate.of(2024, 6, 1)), LocalDate.of(2024, 6, 1)));
            ledger.advance(Duration.ofMinutes(5));
            require(ledger.assign("IV.8", LedgerSimulation.agency("so-noi-vu"),
                    java.util.List.of(LedgerSimulation.agency("so-y-te"), LedgerSimulation.agency("ubnd-cap-huyen")),
                    "điều chỉnh phân công", new DocumentRef("1235/UBND-NC", LocalDate.of(2024, 6, 1)),
                    LocalDate.of(2024, 6, 1)));
            ledger.advance(Duration.ofDays(1));
            require(ledger.reschedule("I.3", "m1", LocalDate.of(2025, 1, 30), "chưa kịp", null, null));
            ledger.actAs("officer-so-noi-vu", "so-noi-vu", "AGENCY_OFFICER");
            require(ledger.report("I.4", new AgencyRef("so-noi-vu", "Sở Nội vụ"), "m1", null, LocalDate.of(2024, 6, 15)));
            require(ledger.complete("I.4", "m1", LocalDate.of(2024, 6, 15)));
            querySide.append(ledger.events());
            querySide.awaitCaughtUp(Duration.ofMinutes(2), "plan", "plan_history", "audit_entry");
            querySide.clockAt(TODAY);
            return new SonLaQuerySide(querySide);
        } catch (RuntimeException | Error e) {
            querySide.close();
            throw e;
        }
    }

    /**
     * The query side alone on the given database, with the system clock and no events of its own: for a test that
     * runs the command side beside it (the console's forms), which loads the plan and records every change.
     */
    public static SonLaQuerySide beside(String databaseUrl, String... properties) {
        String[] all = new String[properties.length + 1];
        all[0] = "spring.datasource.url=" + databaseUrl;
        System.arraycopy(properties, 0, all, 1, properties.length);
        return new SonLaQuerySide(QuerySide.start(all));
    }

    /**
     * A database of its own (the test database's name + {@code suffix}), made afresh: the pages show the whole ledger,
     * and its verification, which other tests' events (fed to projections directly, or forged on purpose) would spoil.
     *
     * @return its JDBC URL
     */
    public static String ownDatabase(String suffix) {
        String shared = System.getenv().getOrDefault("PLANLEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/planledger");
        String name = shared.replaceFirst("^.*/([^/?]+).*$", "$1") + suffix;
        String owner = System.getenv().getOrDefault("PLANLEDGER_DB_OWNER",
                System.getenv().getOrDefault("PLANLEDGER_DB_USER", "planledger"));
        try (org.planledger.query.ledger.Intruder admin = org.planledger.query.ledger.Intruder.connect()) {
            admin.execute("drop database if exists " + name + " with (force)");
            admin.execute("create database " + name + " owner " + owner + " encoding 'UTF8' template template0");
        } catch (java.sql.SQLException e) {
            throw new IllegalStateException("cannot create the console test's database " + name, e);
        }
        return shared.replaceFirst("/[^/?]+(\\?.*)?$", "/" + name + "$1");
    }

    private static void require(boolean applied) {
        if (!applied) {
            throw new IllegalStateException("the scenario's change was refused by the simulation");
        }
    }

    /**
     * Adds the generated plan of {@link ReportMemoryBenchmark} ({@code activities} activities I.1, I.2, …, five leads,
     * a group as coordinator, reschedules and reports) beside the Sơn La plan, and waits for the read models.
     */
    public String loadGenerated(String planId, int activities) {
        return ReportMemoryBenchmark.load(querySide, planId, activities, false);
    }

    public String baseUrl() {
        return "http://127.0.0.1:" + querySide.context().getEnvironment().getProperty("local.server.port");
    }

    public <T> T bean(Class<T> type) {
        return querySide.context().getBean(type);
    }

    @Override
    public void close() {
        querySide.close();
    }
}
