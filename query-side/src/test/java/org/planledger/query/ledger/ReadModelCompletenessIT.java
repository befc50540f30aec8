package org.planledger.query.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.timeline.DueRule;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@code GET /api/ledger/verify} proves that the read models accounted for every event up to the sealed position, and
 * names the first lack: a deleted audit entry by its event, a changed due date by its activity and field. Real HTTP,
 * real PostgreSQL. The service runs on a database of its own ({@code <test database>_readmodels}, made afresh by the
 * test's superuser), so that what other tests leave in the shared test database (tampered and restored events, a
 * trigger the point-in-time model does not know yet) cannot stand first in the answer.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("demo")
@DirtiesContext
class ReadModelCompletenessIT {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Duration SETTLING = Duration.ofSeconds(30);
    private static String url;
    private static Intruder superuser;

    @LocalServerPort
    int port;
    @Autowired
    EventStore eventStore;
    @Autowired
    JdbcTemplate jdbc;

    @DynamicPropertySource
    static void ownDatabase(DynamicPropertyRegistry properties) throws Exception {
        String shared = System.getenv().getOrDefault("PLANLEDGER_DB_URL", "jdbc:postgresql://127.0.0.1:5432/planledger");
        String name = shared.replaceFirst("^.*/([^/?]+).*$", "$1") + "_readmodels";
        String owner = System.getenv().getOrDefault("PLANLEDGER_DB_OWNER",
                System.getenv().getOrDefault("PLANLEDGER_DB_USER", "planledger"));
        try (Intruder admin = Intruder.connect()) {
            admin.execute("drop database if exists " + name + " with (force)");
            admin.execute("create database " + name + " owner " + owner + " encoding 'UTF8' template template0");
        }
        url = shared.replaceFirst("/[^/?]+(\\?.*)?$", "/" + name + "$1");
        superuser = Intruder.connect(url);
        properties.add("spring.datasource.url", () -> url);
    }

    @AfterAll
    static void disconnect() throws Exception {
        if (superuser != null) {
            superuser.close();
        }
    }

    @Test
    void readModelsThatProjectedEveryEventAreComplete() throws Exception {
        Activity activity = appendActivity();
        JsonNode verification = verifyWhenSettled(activity.last());
        JsonNode models = verification.get("readModels");
        assertThat(verification.get("verified").asBoolean()).as(verification.toString()).isTrue();
        assertThat(verification.get("chainVerified").asBoolean()).isTrue();
        assertThat(models.get("complete").asBoolean()).isTrue();
        assertThat(models.get("firstLack").isNull()).isTrue();
        assertThat(models.get("position").asLong()).isGreaterThanOrEqualTo(activity.last())
                .as("the read models are checked up to the chain's sealed position, side by side with the chain")
                .isEqualTo(verification.get("sealedPosition").asLong());
        assertThat(models.at("/auditTrail/eventsChecked").asLong()).isGreaterThanOrEqualTo(10);
        assertThat(models.at("/auditTrail/missing").asLong()).isZero();
        assertThat(models.at("/pointInTime/activitiesChecked").asLong()).isGreaterThanOrEqualTo(1);
        assertThat(models.at("/pointInTime/mismatched").asLong()).isZero();
        assertThat(models.at("/workload/complete").asBoolean()).isTrue();
        assertThat(models.at("/workload/countsChecked").asLong()).isGreaterThanOrEqualTo(2);
        List<String> processors = new ArrayList<>();
        models.get("processors").forEach(p -> {
            processors.add(p.get("processor").asText());
            assertThat(p.get("state").asText()).as(p.toString()).isEqualTo("AT_POSITION");
        });
        assertThat(processors).contains("plan", "plan_history", "audit_entry");
    }

    @Test
    void aDeletedAuditEntryIsNamedByItsEvent() throws Exception {
        Activity activity = appendActivity();
        verifyWhenSettled(activity.last());
        long assigned = activity.positions().get(3);
        superuser.execute("create table audit_entry_kept as select * from audit_entry where global_position = " + assigned);
        superuser.execute("delete from audit_entry where global_position = " + assigned);
        try {
            JsonNode verification = verify();
            assertThat(verification.get("verified").asBoolean()).as(verification.toString()).isFalse();
            assertThat(verification.get("chainVerified").asBoolean()).as("the events themselves are untouched").isTrue();
            JsonNode lack = verification.at("/readModels/firstLack");
            assertThat(lack.get("model").asText()).as(lack.toString()).isEqualTo("audit_entry");
            assertThat(lack.get("position").asLong()).isEqualTo(assigned);
            assertThat(lack.get("eventType").asText()).isEqualTo("ActivityAssigned");
            assertThat(lack.get("aggregateIdentifier").asText()).isEqualTo(activity.id());
            assertThat(lack.get("sequenceNumber").asLong()).isEqualTo(3);
            assertThat(verification.at("/readModels/auditTrail/missing").asLong()).isOne();
            assertThat(verification.at("/readModels/pointInTime/complete").asBoolean()).isTrue();
        } finally {
            superuser.execute("insert into audit_entry overriding system value select * from audit_entry_kept");
            superuser.execute("drop table audit_entry_kept");
        }
        assertThat(verify().get("verified").asBoolean()).as("restored").isTrue();
    }

    @Test
    void aDueDateChangedInTheCurrentPlanIsNamedByActivityAndField() throws Exception {
        Activity activity = appendActivity();
        verifyWhenSettled(activity.last());
        superuser.execute("update milestone_view set due = due + 1 where activity_id = '" + activity.id()
                + "' and milestone_id = 'm2'");
        try {
            JsonNode verification = verify();
            assertThat(verification.get("verified").asBoolean()).as(verification.toString()).isFalse();
            JsonNode lack = verification.at("/readModels/firstLack");
            assertThat(lack.get("activityId").asText()).as(lack.toString()).isEqualTo(activity.id());
            assertThat(lack.get("field").asText()).isEqualTo("milestones.m2.due");
            assertThat(lack.get("currentPlan").asText()).isEqualTo("2024-07-01");
            assertThat(lack.get("pointInTime").asText()).isEqualTo("2024-06-30");
            assertThat(verification.at("/readModels/pointInTime/mismatched").asLong()).isOne();
            assertThat(verification.at("/readModels/auditTrail/complete").asBoolean()).isTrue();
        } finally {
            superuser.execute("update milestone_view set due = due - 1 where activity_id = '" + activity.id()
                    + "' and milestone_id = 'm2'");
        }
        assertThat(verify().get("verified").asBoolean()).as("restored").isTrue();
    }

    @Test
    void aParticipantMissingFromTheCurrentPlanIsNamedToo() throws Exception {
        Activity activity = appendActivity();
        verifyWhenSettled(activity.last());
        superuser.execute("create table participant_kept as select * from activity_participant where activity_id = '"
                + activity.id() + "' and agency_id = 'so-tu-phap' and via_group = ''");
        superuser.execute("delete from activity_participant where activity_id = '" + activity.id()
                + "' and agency_id = 'so-tu-phap' and via_group = ''");
        try {
            JsonNode lack = verify().at("/readModels/firstLack");
            assertThat(lack.get("activityId").asText()).as(lack.toString()).isEqualTo(activity.id());
            assertThat(lack.get("field").asText()).isEqualTo("jointLeads");
            assertThat(lack.get("currentPlan").asText()).isEmpty();
            assertThat(lack.get("pointInTime").asText()).isEqualTo("so-tu-phap");
        } finally {
            superuser.execute("insert into activity_participant select * from participant_kept");
            superuser.execute("drop table participant_kept");
        }
        assertThat(verify().get("verified").asBoolean()).as("restored").isTrue();
    }

    @Test
    void aWorkloadCountThatNoLongerMatchesThePlanIsNamedByPlanAndCount() throws Exception {
        Activity activity = appendActivity();
        verifyWhenSettled(activity.last());
        String plan = activity.id().substring(0, activity.id().indexOf('/'));
        String lead = "update agency_participation set activities = activities %s 1 where plan_id = '" + plan
                + "' and agency_id = 'so-noi-vu' and role = 'LEAD'";
        superuser.execute(lead.formatted("+"));
        try {
            JsonNode verification = verify();
            assertThat(verification.get("verified").asBoolean()).as(verification.toString()).isFalse();
            assertThat(verification.get("chainVerified").asBoolean()).isTrue();
            JsonNode lack = verification.at("/readModels/firstLack");
            assertThat(lack.get("model").asText()).as(lack.toString()).isEqualTo("plan");
            assertThat(lack.get("aggregateIdentifier").asText()).isEqualTo(plan);
            assertThat(lack.get("field").asText()).startsWith("agencyParticipation.so-noi-vu.LEAD.").endsWith(".direct");
            assertThat(lack.get("kept").asLong()).isEqualTo(lack.get("currentPlan").asLong() + 1);
            assertThat(verification.at("/readModels/workload/differing").asLong()).isOne();
            assertThat(verification.at("/readModels/auditTrail/complete").asBoolean()).isTrue();
            assertThat(verification.at("/readModels/pointInTime/complete").asBoolean()).isTrue();
        } finally {
            superuser.execute(lead.formatted("-"));
        }
        assertThat(verify().get("verified").asBoolean()).as("restored").isTrue();
    }

    // --- helpers ----------------------------------------------------------------------------------------------------

    /** An activity's events and their global positions: plan, registration, two milestones, assignment, report, completion. */
    private record Activity(String id, List<Long> positions) {

        long last() {
            return positions.get(positions.size() - 1);
        }
    }

    private Activity appendActivity() {
        String plan = "completeness-it-" + UUID.randomUUID();
        PlanEvents.append(eventStore, plan, 0, 2);
        String id = plan + "/I.1";
        AgencyRef lead = new AgencyRef("so-noi-vu", "Sở Nội vụ");
        MetaData meta = MetaData.from(Map.of(LedgerMetaData.ACTOR_USER, "admin", LedgerMetaData.ACTOR_ROLE, "PLAN_ADMIN"));
        List<Object> payloads = List.of(
                new ActivityRegistered(id, plan, "I.1", "I", "Báo cáo CCHC", List.of("Báo cáo"), "Tháng 3 và tháng 6/2024", ""),
                new MilestoneScheduled(id, "m1", "Báo cáo", "Tháng 3/2024", new DueRule.EndOfMonth(YearMonth.of(2024, 3)),
                        LocalDate.of(2024, 3, 31)),
                new MilestoneScheduled(id, "m2", "Báo cáo", "Tháng 6/2024", new DueRule.EndOfMonth(YearMonth.of(2024, 6)),
                        LocalDate.of(2024, 6, 30)),
                new ActivityAssigned(id, lead, List.of(new AgencyRef("so-tu-phap", "Sở Tư pháp")),
                        List.of(new AgencyRef("so-tai-chinh", "Sở Tài chính")), null, null, null, "giao nhiệm vụ",
                        new DocumentRef("2880/QĐ-UBND", LocalDate.of(2023, 12, 25)), null),
                new ReportSubmitted(id, "r1", lead, "m1", null, "Đã báo cáo", "12/BC-SNV", LocalDate.of(2024, 3, 20),
                        LocalDate.of(2024, 3, 31), true),
                new MilestoneCompleted(id, "m1", LocalDate.of(2024, 3, 20), "", LocalDate.of(2024, 3, 31), true));
        List<GenericDomainEventMessage<?>> events = new ArrayList<>();
        for (int seq = 0; seq < payloads.size(); seq++) {
            events.add(new GenericDomainEventMessage<>("Activity", id, seq, payloads.get(seq), meta));
        }
        eventStore.publish(events);
        return new Activity(id, jdbc.queryForList("select global_index from domain_event_entry where aggregate_identifier = ? "
                + "order by sequence_number", Long.class, id));
    }

    /** Waits until the events are sealed and the read models verify complete; the last answer. */
    private JsonNode verifyWhenSettled(long last) {
        return await().atMost(SETTLING).pollInterval(Duration.ofMillis(300)).until(this::verify,
                v -> v.at("/readModels/position").asLong() >= last && v.at("/readModels/complete").asBoolean());
    }

    private JsonNode verify() throws Exception {
        HttpResponse<String> response = PlanEvents.get(port, "inspector", "/api/ledger/verify");
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return JSON.readTree(response.body());
    }
}
