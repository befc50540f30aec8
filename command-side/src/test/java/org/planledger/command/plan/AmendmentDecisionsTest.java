package org.planledger.command.plan;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.modelling.command.Repository;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.command.activity.Activity;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AmendmentChange;
import org.planledger.shared.api.AmendmentChange.Kind;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.RecordAmendmentDecision;
import org.planledger.shared.timeline.DueRule;

/**
 * The amendment decision's handler on the plan (this fixture) and its activities (an event store of their own): the
 * decision and its changes are recorded in the one unit of work, or nothing is.
 */
class AmendmentDecisionsTest {

    static final String PLAN = PlanTest.PLAN;
    static final String I1 = PLAN + "/I.1";
    static final DocumentRef DECISION = new DocumentRef("15/QĐ-UBND", LocalDate.of(2024, 6, 10));
    static final LocalDate ON = LocalDate.of(2024, 6, 15);
    static final AgencyRef NOI_VU = new AgencyRef("so-noi-vu", "Sở Nội vụ");

    private FixtureConfiguration<Plan> fixture;
    private EmbeddedEventStore activityEvents;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
        activityEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        Repository<Activity> activities = PlanTest.activitiesOn(fixture, activityEvents);
        fixture.registerAnnotatedCommandHandler(new AmendmentDecisions(fixture.getRepository(), activities));
        activityEvents.publish(
                new GenericDomainEventMessage<>("Activity", I1, 0, new ActivityRegistered(I1, PLAN, "I.1", "I",
                        "Tổ chức đánh giá", List.of("Kế hoạch"), "Tháng 7/2024", "")),
                new GenericDomainEventMessage<>("Activity", I1, 1, new MilestoneScheduled(I1, "m1", "Kế hoạch",
                        "Tháng 7/2024", new DueRule.EndOfMonth(java.time.YearMonth.of(2024, 7)),
                        LocalDate.of(2024, 7, 31))));
    }

    static AmendmentChange change(Kind kind, String code, String milestoneId, LocalDate newDue) {
        return new AmendmentChange(kind, code, null, null, null, null, milestoneId, newDue, null, null, null, null);
    }

    static AmendmentChange add(String code) {
        return new AmendmentChange(Kind.ADD, code, "I", "Tổ chức hội nghị", List.of("Hội nghị"), "Quý III/2024", null,
                null, NOI_VU, List.of(), List.of(), null);
    }

    static RecordAmendmentDecision decision(List<AmendmentChange> changes) {
        return new RecordAmendmentDecision(PLAN, null, DECISION, ON, "Điều chỉnh Kế hoạch", changes);
    }

    private List<Object> activityPayloads(String activityId) {
        return activityEvents.readEvents(activityId).asStream().map(DomainEventMessage::getPayload)
                .map(Object.class::cast).toList();
    }

    @Test
    void aDecisionRecordsItselfAndEveryChangeInOneUnitOfWork() {
        fixture.given(PlanTest.CREATED, new ActivityAddedToPlan(PLAN, "I.1", I1))
                .when(decision(List.of(add("I.18"), change(Kind.RESCHEDULE, "I.1", "m1", LocalDate.of(2024, 9, 30)))))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AmendmentDecided(PLAN, DECISION, ON, "Điều chỉnh Kế hoạch", List.of(
                                new AmendmentDecided.Line("ADD", "I.18", null,
                                        "Tổ chức hội nghị (Quý III/2024); lead Sở Nội vụ"),
                                new AmendmentDecided.Line("RESCHEDULE", "I.1", "m1", "due 2024-09-30"))),
                        new ActivityAddedToPlan(PLAN, "I.18", PLAN + "/I.18"))
                .expectResultMessagePayload(3L);
        assertThat(activityPayloads(PLAN + "/I.18")).extracting(e -> e.getClass().getSimpleName())
                .containsExactly("ActivityRegistered", "MilestoneScheduled", "ActivityAssigned");
        assertThat(activityPayloads(I1)).hasSize(3).last().extracting(Object::toString).asString()
                .contains("newDue=2024-09-30", "basis=DocumentRef[number=15/QĐ-UBND");
    }

    @Test
    void aDecisionOneOfWhoseChangesBreaksARuleRecordsNothingAndNamesTheChange() {
        fixture.given(PlanTest.CREATED, new ActivityAddedToPlan(PLAN, "I.1", I1))
                .when(decision(List.of(add("I.18"), change(Kind.RESCHEDULE, "I.1", "m1", LocalDate.of(2024, 7, 31)))))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "changes[1].newDue", "new-due-differs"));
        assertThat(activityPayloads(I1)).hasSize(2);
        assertThat(activityEvents.readEvents(PLAN + "/I.18").asStream()).isEmpty();
    }

    @Test
    void aChangeWithoutTheFieldsItsKindNeedsIsRefusedBeforeAnythingElse() {
        fixture.given(PlanTest.CREATED, new ActivityAddedToPlan(PLAN, "I.1", I1))
                .when(decision(List.of(change(Kind.CANCEL, "I.1", null, null), change(Kind.RESCHEDULE, "I.1", "m1", null))))
                .expectNoEvents()
                .expectException(refused(ErrorCode.INVALID_FIELD, "changes[1].newDue", "required"));
    }

    @Test
    void aDecisionNumberIsRecordedOncePerPlan() {
        fixture.given(PlanTest.CREATED, new AmendmentDecided(PLAN, DECISION, ON, "trước", List.of()))
                .when(decision(List.of(change(Kind.CANCEL, "I.1", null, null))))
                .expectNoEvents()
                .expectException(refused(ErrorCode.DUPLICATE, "decision.number", "decision-unique-in-plan"));
    }

    @Test
    void aChangeToAnUnknownActivityNamesItsCode() {
        fixture.given(PlanTest.CREATED)
                .when(decision(List.of(change(Kind.CANCEL, "IV.9", null, null))))
                .expectNoEvents()
                .expectException(refused(ErrorCode.UNKNOWN_ACTIVITY, "changes[0].code", "activity-exists"));
    }

    static CustomTypeSafeMatcher<LedgerException> refused(ErrorCode code, String field, String rule) {
        return new CustomTypeSafeMatcher<>("a LedgerException " + code + " on " + field + " with rule " + rule) {
            @Override
            protected boolean matchesSafely(LedgerException e) {
                return e.code() == code && field.equals(e.field()) && rule.equals(e.rule());
            }
        };
    }
}
