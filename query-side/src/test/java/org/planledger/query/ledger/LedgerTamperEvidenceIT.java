package org.planledger.query.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.PlanCreated;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * The ledger as an inspector meets it after someone with superuser rights switched off the append-only trigger and
 * changed stored events: every change is detected and pinpointed by {@code GET /api/ledger/verify}, over real HTTP,
 * against the real PostgreSQL event store. Events are appended through Axon's event store with the ledger's
 * serializer; each case puts the stored rows back afterwards and checks the ledger verifies again. These cases are
 * about the chain ({@code chainVerified}); the read models' part of the answer is {@link ReadModelCompletenessIT}'s.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
// closed afterwards: its processors would otherwise keep claiming the "plan" token that EndToEndIT's service resets
@DirtiesContext
class LedgerTamperEvidenceIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SEALING = Duration.ofSeconds(20);
    private static Intruder intruder;

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;
    @Autowired
    TransactionTemplate transactions;

    @BeforeAll
    static void connectTheIntruder() throws SQLException {
        intruder = Intruder.connect();
    }

    @AfterAll
    static void disconnectTheIntruder() throws SQLException {
        if (intruder != null) {
            intruder.close();
        }
    }

    @Test
    void anUntouchedLedgerVerifies() throws Exception {
        List<Long> positions = appendSealed(plan(), 5);
        JsonNode verification = verify("");
        assertThat(verification.get("chainVerified").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("firstMismatch").isNull()).isTrue();
        assertThat(verification.get("sealedPosition").asLong()).isGreaterThanOrEqualTo(positions.get(4));
        assertThat(verification.get("eventsChecked").asLong()).isGreaterThanOrEqualTo(5);
        assertThat(verification.get("guard").get("triggersEnabled").asBoolean()).isTrue();
        assertThat(verification.get("guard").get("roleCanBypassTriggers").asBoolean()).isFalse();
    }

    @Test
    void aPayloadByteChangedIsNamedAsAltered() throws Exception {
        String plan = plan();
        long target = appendSealed(plan, 4).get(2);
        tamperAndRestore(new long[] {target},
                () -> intruder.withTriggerDisabled(c -> Intruder.update(c,
                        "update domain_event_entry set payload = set_byte(payload, 10, get_byte(payload, 10) # 1) "
                                + "where global_index = ?", target)),
                mismatch -> assertMismatch(mismatch, target, plan, 2, "ALTERED"));
    }

    @Test
    void aTimestampChangedIsNamedAsAltered() throws Exception {
        String plan = plan();
        long target = appendSealed(plan, 4).get(1);
        String stored = jdbc.queryForObject("select time_stamp from domain_event_entry where global_index = ?",
                String.class, target);
        String earlier = Instant.parse(stored).minusSeconds(3600).toString();
        tamperAndRestore(new long[] {target},
                () -> intruder.withTriggerDisabled(c -> Intruder.update(c,
                        "update domain_event_entry set time_stamp = ? where global_index = ?", earlier, target)),
                mismatch -> assertMismatch(mismatch, target, plan, 1, "ALTERED"));
    }

    @Test
    void aDeletedEventIsNamedAsMissing() throws Exception {
        String plan = plan();
        long target = appendSealed(plan, 4).get(2);
        tamperAndRestore(new long[] {target},
                () -> intruder.withTriggerDisabled(c -> Intruder.update(c,
                        "delete from domain_event_entry where global_index = ?", target)),
                mismatch -> {
                    assertMismatch(mismatch, target, plan, 2, "MISSING");
                    assertThat(mismatch.get("storedEventHash").isNull()).isTrue();
                });
    }

    @Test
    void aForgedEventInAnEmptyPositionIsNamedAsInserted() throws Exception {
        String plan = plan();
        List<Long> before = appendSealed(plan, 2);
        // a transaction that rolled back leaves an empty position; the sealer seals past it once nothing can fill it
        long empty = intruder.queryLong("select nextval(pg_get_serial_sequence('domain_event_entry', 'global_index'))");
        List<Long> after = appendSealed(plan(), 2);
        assertThat(empty).isGreaterThan(before.get(1)).isLessThan(after.get(0));
        assertThat(sealedPosition()).isGreaterThan(empty);

        Map<String, Object> forged = new LinkedHashMap<>(intruder.copyOf(before.get(0)).get(0));
        forged.put("global_index", empty);
        forged.put("event_identifier", UUID.randomUUID().toString());
        forged.put("aggregate_identifier", "forged-" + plan);
        tamperAndRestore(new long[] {empty},
                () -> intruder.withTriggerDisabled(c -> Intruder.insert(c, forged)),
                mismatch -> assertMismatch(mismatch, empty, "forged-" + plan, 0, "INSERTED"));
    }

    @Test
    void twoSwappedEventsAreNamedAsReordered() throws Exception {
        String plan = plan();
        List<Long> positions = appendSealed(plan, 5);
        long first = positions.get(1);
        long second = positions.get(3);
        tamperAndRestore(new long[] {first, second},
                () -> {
                    List<Map<String, Object>> rows = intruder.copyOf(first, second);
                    intruder.withTriggerDisabled(c -> {
                        Intruder.update(c, "delete from domain_event_entry where global_index in (?, ?)", first, second);
                        Map<String, Object> a = new LinkedHashMap<>(rows.get(0));
                        Map<String, Object> b = new LinkedHashMap<>(rows.get(1));
                        a.put("global_index", second);
                        b.put("global_index", first);
                        Intruder.insert(c, a);
                        Intruder.insert(c, b);
                    });
                },
                mismatch -> {
                    // the event that stands first now is the one sealed at the second position
                    assertMismatch(mismatch, first, plan, 3, "REORDERED");
                    assertThat(mismatch.get("otherPosition").asLong()).isEqualTo(second);
                });
    }

    @Test
    void anOldDigestIsConfirmedAsAPrefixOfTheGrownLedger() throws Exception {
        appendSealed(plan(), 3);
        JsonNode old = get("/api/ledger/digest");
        assertThat(get("/api/ledger/digest").get("at").asText()).as("a digest is kept with the time it was first published")
                .isEqualTo(old.get("at").asText());
        appendSealed(plan(), 3);
        JsonNode current = get("/api/ledger/digest");
        assertThat(current.get("position").asLong()).isGreaterThan(old.get("position").asLong());
        assertThat(current.get("digest").asText()).isNotEqualTo(old.get("digest").asText());

        JsonNode check = verify("?digest=" + old.get("digest").asText() + "&position=" + old.get("position").asLong());
        assertThat(check.get("chainVerified").asBoolean()).as(check.toString()).isTrue();
        assertThat(check.get("digest").get("confirmed").asBoolean()).isTrue();
        assertThat(check.get("digest").get("publishedAt").asText()).isEqualTo(old.get("at").asText());

        String other = flipLastHexDigit(old.get("digest").asText());
        JsonNode wrong = verify("?digest=" + other + "&position=" + old.get("position").asLong());
        assertThat(wrong.get("chainVerified").asBoolean()).isFalse();
        assertThat(wrong.get("digest").get("confirmed").asBoolean()).isFalse();
        assertThat(wrong.get("digest").get("recomputed").asText()).isEqualTo(old.get("digest").asText());
        assertThat(wrong.get("digest").get("publishedAt").isNull()).isTrue();
    }

    @Test
    void aDigestIsNoLongerConfirmedOnceAnEventBeforeItChangesButStillIsWhenOnlyLaterOnesDo() throws Exception {
        String plan = plan();
        List<Long> early = appendSealed(plan, 2);
        JsonNode digest = get("/api/ledger/digest");
        String query = "?digest=" + digest.get("digest").asText() + "&position=" + digest.get("position").asLong();
        List<Long> late = appendSealed(plan(), 2);

        List<Map<String, Object>> copy = intruder.copyOf(early.get(0));
        intruder.withTriggerDisabled(c -> Intruder.update(c,
                "update domain_event_entry set meta_data = convert_to('{}', 'UTF8') where global_index = ?", early.get(0)));
        try {
            JsonNode check = verify(query);
            assertThat(check.get("digest").get("confirmed").asBoolean()).isFalse();
            assertMismatch(check.get("firstMismatch"), early.get(0), plan, 0, "ALTERED");
        } finally {
            intruder.restore(copy, early.get(0));
        }

        List<Map<String, Object>> lateCopy = intruder.copyOf(late.get(1));
        intruder.withTriggerDisabled(c -> Intruder.update(c,
                "delete from domain_event_entry where global_index = ?", late.get(1)));
        try {
            JsonNode check = verify(query);
            assertThat(check.get("digest").get("confirmed").asBoolean()).isTrue();
            assertThat(check.get("chainVerified").asBoolean()).isFalse();
            assertThat(check.get("firstMismatch").get("position").asLong()).isEqualTo(late.get(1));
        } finally {
            intruder.restore(lateCopy, late.get(1));
        }
        assertThat(verify(query).get("chainVerified").asBoolean()).isTrue();
    }

    @Test
    void rewritingTheChainItselfIsCaughtByADigestKeptOutsideTheDatabase() throws Exception {
        List<Long> positions = appendSealed(plan(), 2);
        long last = positions.get(1);
        JsonNode digest = get("/api/ledger/digest");
        assertThat(digest.get("position").asLong()).isEqualTo(last);
        String query = "?digest=" + digest.get("digest").asText() + "&position=" + last;

        List<Map<String, Object>> event = intruder.copyOf(last);
        List<Map<String, Object>> link = jdbc.queryForList("select * from ledger_chain where global_index = ?", last);
        List<Map<String, Object>> kept = jdbc.queryForList("select * from ledger_digest where position = ?", last);
        // the intruder removes the newest event together with its chain record and the digest record
        intruder.withTriggerDisabled(c -> {
            Intruder.update(c, "alter table ledger_chain disable trigger ledger_chain_no_update_delete");
            Intruder.update(c, "alter table ledger_digest disable trigger ledger_digest_no_update_delete");
            Intruder.update(c, "delete from domain_event_entry where global_index = ?", last);
            Intruder.update(c, "delete from ledger_chain where global_index = ?", last);
            Intruder.update(c, "delete from ledger_digest where position = ?", last);
            Intruder.update(c, "alter table ledger_chain enable trigger ledger_chain_no_update_delete");
            Intruder.update(c, "alter table ledger_digest enable trigger ledger_digest_no_update_delete");
        });
        try {
            JsonNode alone = verify("");
            assertThat(alone.get("chainVerified").asBoolean()).as("the database agrees with itself again").isTrue();
            JsonNode withDigest = verify(query);
            assertThat(withDigest.get("chainVerified").asBoolean()).isFalse();
            assertThat(withDigest.get("digest").get("confirmed").asBoolean()).isFalse();
            assertThat(withDigest.get("digest").get("publishedAt").isNull()).isTrue();
        } finally {
            intruder.withTriggerDisabled(c -> {
                Intruder.insert(c, event.get(0));
                insertRow(c, "ledger_chain", link.get(0));
                insertRow(c, "ledger_digest", kept.get(0));
            });
        }
        assertThat(verify(query).get("digest").get("confirmed").asBoolean()).isTrue();
    }

    @Test
    void theSealerDoesNotSealPastAPositionAnOpenTransactionStillHolds() throws Exception {
        appendSealed(plan(), 1);
        String slowPlan = plan();
        AtomicLong slowPosition = new AtomicLong();
        CountDownLatch holding = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<Void> slow = CompletableFuture.runAsync(() -> transactions.executeWithoutResult(status -> {
            append(slowPlan, 0, 1);
            slowPosition.set(jdbc.queryForObject(
                    "select global_index from domain_event_entry where aggregate_identifier = ?", Long.class, slowPlan));
            holding.countDown();
            try {
                assertThat(release.await(60, TimeUnit.SECONDS)).isTrue();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }));
        try {
            assertThat(holding.await(20, TimeUnit.SECONDS)).isTrue();
            String fastPlan = plan();
            append(fastPlan, 0, 1);
            long fastPosition = positionsOf(fastPlan).get(0);
            assertThat(fastPosition).isGreaterThan(slowPosition.get());
            await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(5))
                    .until(() -> sealedPosition() < slowPosition.get());
        } finally {
            release.countDown();
        }
        slow.get(20, TimeUnit.SECONDS);
        await().atMost(SEALING).until(() -> sealedPosition() > slowPosition.get());
        assertThat(jdbc.queryForObject("select count(*) from ledger_chain where global_index = ?", Long.class,
                slowPosition.get())).isEqualTo(1L);
        assertThat(verify("").get("chainVerified").asBoolean()).isTrue();
    }

    @Test
    void theApplicationRoleCannotChangeEventsNorDisableTheTrigger() throws Exception {
        appendSealed(plan(), 1);
        for (String table : List.of("domain_event_entry", "ledger_chain", "ledger_digest")) {
            assertThatThrownBy(() -> jdbc.execute("alter table " + table + " disable trigger all"))
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("must be owner");
            assertThatThrownBy(() -> jdbc.update("delete from " + table))
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
            assertThatThrownBy(() -> jdbc.execute("truncate " + table))
                    .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        }
        assertThatThrownBy(() -> jdbc.update("update domain_event_entry set payload_type = 'x'"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.execute("set session_replication_role = replica"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("permission denied");
        assertThatThrownBy(() -> jdbc.execute("alter table domain_event_entry owner to current_user"))
                .isInstanceOf(DataAccessException.class).rootCause().hasMessageContaining("must be owner");
        // even a superuser meets the trigger until it is switched off
        assertThatThrownBy(() -> intruder.execute("update domain_event_entry set payload_type = payload_type"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
        assertThatThrownBy(() -> intruder.execute("delete from ledger_chain"))
                .isInstanceOf(SQLException.class).hasMessageContaining("append-only");
    }

    @Test
    void sealedEventHashesAgreeWithTheSqlDefinitionInTheSpecification() throws Exception {
        appendSealed(plan(), 3);
        String spec = Files.readString(Path.of("..", "docs", "LEDGER-HASH.md"), StandardCharsets.UTF_8);
        int start = spec.indexOf("```sql\n") + "```sql\n".length();
        String sql = spec.substring(start, spec.indexOf("```", start));
        Map<String, Object> comparison = jdbc.queryForMap("select count(*) as sealed, "
                + "count(*) filter (where spec.event_hash <> chain.event_hash) as different "
                + "from (" + sql + ") spec join ledger_chain chain using (global_index)");
        assertThat((Long) comparison.get("sealed")).isGreaterThanOrEqualTo(3L);
        assertThat((Long) comparison.get("different")).isZero();
    }

    @Test
    void verifyNeedsAUserAndAWellFormedDigest() throws Exception {
        assertThat(send(null, "/api/ledger/verify").statusCode()).isEqualTo(401);
        HttpResponse<String> alone = send("inspector", "/api/ledger/verify?digest=" + "0".repeat(64));
        assertThat(alone.statusCode()).isEqualTo(400);
        assertThat(alone.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(JSON.readTree(alone.body()).get("field").asText()).isEqualTo("position");
        HttpResponse<String> notHex = send("inspector", "/api/ledger/verify?digest=xyz&position=1");
        assertThat(notHex.statusCode()).isEqualTo(400);
        assertThat(JSON.readTree(notHex.body()).get("field").asText()).isEqualTo("digest");
        assertThat(JSON.readTree(notHex.body()).get("rule").asText()).isEqualTo("sha256-hex");
    }

    @Test
    void bothLedgerRoutesArePublishedInOpenApi() throws Exception {
        String apiDocs = send(null, "/v3/api-docs").body();
        assertThat(apiDocs).contains("/api/ledger/digest", "/api/ledger/verify", "REORDERED");
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    @FunctionalInterface
    interface Tampering {
        void run() throws Exception;
    }

    @FunctionalInterface
    interface MismatchCheck {
        void check(JsonNode mismatch) throws Exception;
    }

    /** Tampers, checks what verify names, puts the rows at those positions back and checks the ledger verifies again. */
    private void tamperAndRestore(long[] positions, Tampering tampering, MismatchCheck expectation) throws Exception {
        assertThat(verify("").get("chainVerified").asBoolean()).as("the ledger verifies before the tampering").isTrue();
        List<Map<String, Object>> copies = intruder.copyOf(positions);
        tampering.run();
        try {
            JsonNode verification = verify("");
            assertThat(verification.get("chainVerified").asBoolean()).as(verification.toString()).isFalse();
            expectation.check(verification.get("firstMismatch"));
        } finally {
            intruder.restore(copies, positions);
        }
        JsonNode restored = verify("");
        assertThat(restored.get("chainVerified").asBoolean()).as("restored: " + restored).isTrue();
    }

    private static void assertMismatch(JsonNode mismatch, long position, String aggregate, long sequence, String kind) {
        assertThat(mismatch.isNull()).as("a mismatch is named").isFalse();
        assertThat(mismatch.get("position").asLong()).as(mismatch.toString()).isEqualTo(position);
        assertThat(mismatch.get("aggregateIdentifier").asText()).as(mismatch.toString()).isEqualTo(aggregate);
        assertThat(mismatch.get("sequenceNumber").asLong()).as(mismatch.toString()).isEqualTo(sequence);
        assertThat(mismatch.get("kind").asText()).as(mismatch.toString()).isEqualTo(kind);
    }

    private static String plan() {
        return "ledger-it-" + UUID.randomUUID();
    }

    /** Appends {@code count} events of a new plan (PlanCreated, then activities added) and waits until they are sealed. */
    private List<Long> appendSealed(String plan, int count) {
        append(plan, 0, count);
        List<Long> positions = positionsOf(plan);
        long last = positions.get(positions.size() - 1);
        await().atMost(SEALING).until(() -> sealedPosition() >= last);
        return positions;
    }

    private void append(String plan, int from, int count) {
        PlanEvents.append(eventStore, plan, from, count);
    }

    private List<Long> positionsOf(String aggregate) {
        return jdbc.queryForList("select global_index from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", Long.class, aggregate);
    }

    private long sealedPosition() {
        return jdbc.queryForObject("select coalesce(max(global_index), 0) from ledger_chain", Long.class);
    }

    private static void insertRow(Connection c, String table, Map<String, Object> row) throws SQLException {
        String columns = String.join(", ", row.keySet());
        String values = String.join(", ", row.keySet().stream().map(k -> "?").toList());
        Intruder.update(c, "insert into " + table + " (" + columns + ") values (" + values + ")", row.values().toArray());
    }

    private static String flipLastHexDigit(String hex) {
        char last = hex.charAt(hex.length() - 1);
        return hex.substring(0, hex.length() - 1) + (last == '0' ? '1' : '0');
    }

    private JsonNode verify(String query) throws Exception {
        return get("/api/ledger/verify" + query);
    }

    private JsonNode get(String path) throws Exception {
        HttpResponse<String> response = send("inspector", path);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(String user, String path) throws Exception {
        return PlanEvents.get(port, user, path);
    }
}
