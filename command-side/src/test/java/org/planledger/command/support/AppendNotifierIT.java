package org.planledger.command.support;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.axonframework.modelling.command.AggregateStreamCreationException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.command.support.LedgerCommands.Change;
import org.planledger.shared.api.CreatePlan;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.eventstore.EventStoreSchema;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.autoconfigure.jdbc.DataSourceProperties;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.test.context.ActiveProfiles;

/**
 * A command whose events commit is followed by a notification on the appended-events channel, sent after the commit
 * (the events are visible to whoever hears it); a refused command sends none; many commands at once share
 * notifications instead of each sending its own. Real PostgreSQL, a LISTEN connection of the test's own.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
class AppendNotifierIT {

    private static final Actor ADMIN = new Actor("admin", "", "PLAN_ADMIN");

    @Autowired
    LedgerCommands commands;
    @Autowired
    AppendNotifier notifier;
    @Autowired
    DataSourceProperties database;

    private Connection listener;

    @BeforeEach
    void listen() throws SQLException {
        listener = DriverManager.getConnection(database.determineUrl(), database.determineUsername(),
                database.determinePassword());
        try (Statement s = listener.createStatement()) {
            s.execute("listen " + EventStoreSchema.APPENDED_CHANNEL);
        }
        drain(300); // what earlier activity (the demo plan's import) still had on its way
    }

    @AfterEach
    void close() throws SQLException {
        listener.close();
    }

    @Test
    void aCommittedCommandIsFollowedByOneNotificationAndItsEventIsVisibleToTheListener() throws Exception {
        String plan = plan();
        commands.sendAs(ADMIN, createPlan(plan), Change.NONE);
        long start = System.nanoTime();
        PGNotification[] heard = listener.unwrap(PGConnection.class).getNotifications(2000);
        long millis = (System.nanoTime() - start) / 1_000_000;
        assertThat(heard).as("a notification within 2 s").isNotNull().isNotEmpty();
        assertThat(millis).as("ms until heard").isLessThan(1000);
        try (PreparedStatement s = listener.prepareStatement(
                "select count(*) from domain_event_entry where aggregate_identifier = ?")) {
            s.setString(1, plan);
            try (ResultSet rs = s.executeQuery()) {
                rs.next();
                assertThat(rs.getLong(1)).as("the event is committed when the notification is heard").isOne();
            }
        }
    }

    /** The second creation's event is published, then refused by the store at commit (the plan exists). */
    @Test
    void aCommandRefusedAtCommitSendsNoNotification() throws Exception {
        String plan = plan();
        commands.sendAs(ADMIN, createPlan(plan), Change.NONE);
        drain(1000);
        long sent = notifier.sent();
        assertThatThrownBy(() -> commands.sendAs(ADMIN, createPlan(plan), Change.NONE))
                .isInstanceOf(AggregateStreamCreationException.class).hasMessageContaining("Cannot reuse aggregate identifier");
        assertThat(drain(1000)).as("nothing committed, nothing to tell").isEmpty();
        assertThat(notifier.sent()).isEqualTo(sent);
    }

    @Test
    void commandsCommittedTogetherShareNotifications() throws Exception {
        long sent = notifier.sent();
        int count = 200;
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> work = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                String plan = plan();
                work.add(pool.submit(() -> commands.sendAs(ADMIN, createPlan(plan), Change.NONE)));
            }
            for (Future<?> f : work) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        List<PGNotification> heard = drain(2000);
        assertThat(heard).isNotEmpty();
        long notifications = notifier.sent() - sent;
        assertThat(notifications).as("notifications for %d commands from 8 threads", count)
                .isPositive().isLessThan(count);
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** Every notification heard within {@code millis}: waits that long after the last one heard. */
    private List<PGNotification> drain(int millis) throws SQLException {
        List<PGNotification> heard = new ArrayList<>();
        PGConnection pg = listener.unwrap(PGConnection.class);
        while (true) {
            PGNotification[] received = pg.getNotifications(millis);
            if (received == null || received.length == 0) {
                return heard;
            }
            heard.addAll(List.of(received));
        }
    }

    private static String plan() {
        return "notify-" + Long.toString(System.nanoTime() % 1_000_000_000_000L, 36);
    }

    private static CreatePlan createPlan(String plan) {
        return new CreatePlan(plan, "Kế hoạch", 2024, new DocumentRef("1/QĐ-UBND", LocalDate.of(2024, 1, 2)));
    }
}
