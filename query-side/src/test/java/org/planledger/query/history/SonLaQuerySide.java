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
        QuerySide querySide = QuerySide.start();
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

    private static void require(boolean applied) {
        if (!applied) {
            throw new IllegalStateException("the scenario's change was refused by the simulation");
        }
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
