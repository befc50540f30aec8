package org.planledger.command.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventsourcing.eventstore.EmbeddedEventStore;
import org.axonframework.eventsourcing.eventstore.inmemory.InMemoryEventStorageEngine;
import org.axonframework.eventsourcing.EventSourcingRepository;
import org.axonframework.modelling.command.Repository;
import org.axonframework.modelling.command.RepositoryProvider;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.command.activity.Activity;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.CreatePlan;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.RegisterActivity;

class PlanTest {

    static final String PLAN = "sonla-cchc-2024";
    static final DocumentRef DECISION = new DocumentRef("2880/QĐ-UBND", LocalDate.of(2023, 12, 25));
    static final PlanCreated CREATED = new PlanCreated(PLAN, "Kế hoạch CCHC năm 2024", 2024, DECISION);

    private FixtureConfiguration<Plan> fixture;
    private EmbeddedEventStore activityEvents;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Plan.class);
        // Plan creates each Activity in the same unit of work; the activities get an event store of their own
        // (the fixture's store accepts only the aggregate under test).
        activityEvents = EmbeddedEventStore.builder().storageEngine(new InMemoryEventStorageEngine()).build();
        activitiesOn(fixture, activityEvents);
    }

    /** The activities' repository on an event store of their own, known to the fixture's plan as its provider's. */
    static Repository<Activity> activitiesOn(FixtureConfiguration<Plan> fixture, EmbeddedEventStore activityEvents) {
        Repository<Activity> activities = EventSourcingRepository.builder(Activity.class)
                .eventStore(activityEvents).build();
        fixture.registerRepositoryProvider(new RepositoryProvider() {
            @Override
            @SuppressWarnings("unchecked")
            public <T> Repository<T> repositoryFor(Class<T> aggregateType) {
                return aggregateType == Activity.class ? (Repository<T>) activities : null;
            }
        });
        return activities;
    }

    static RegisterActivity register(String code, String timeline) {
        return new RegisterActivity(PLAN, code, code.substring(0, code.indexOf('.')), "Quyết định ban hành Kế hoạch",
                List.of("Quyết định", "Báo cáo"), timeline, "");
    }

    @Test
    void createPlan() {
        fixture.givenNoPriorActivity()
                .when(new CreatePlan(PLAN, "Kế hoạch CCHC năm 2024", 2024, DECISION))
                .expectEvents(CREATED);
    }

    @Test
    void planYearMustBeSensible() {
        fixture.givenNoPriorActivity()
                .when(new CreatePlan(PLAN, "x", 24, DECISION))
                .expectNoEvents()
                .expectException(LedgerException.class);
    }

    @Test
    void registerActivityListsItAndCreatesItWithMilestonesReadFromTheTimeline() {
        fixture.given(CREATED)
                .when(register("I.4", "- Quyết định (tháng 01/2024); - Báo cáo (quý IV/2024)"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new ActivityAddedToPlan(PLAN, "I.4", PLAN + "/I.4"))
                .expectResultMessagePayload(new Plan.RegisteredActivity(PLAN + "/I.4", 2));

        List<Object> activity = activityEvents.readEvents(PLAN + "/I.4").asStream()
                .map(DomainEventMessage::getPayload).collect(Collectors.toList());
        assertThat(activity).hasSize(3);
        assertThat(activity.get(0)).isEqualTo(new ActivityRegistered(PLAN + "/I.4", PLAN, "I.4", "I",
                "Quyết định ban hành Kế hoạch", List.of("Quyết định", "Báo cáo"),
                "- Quyết định (tháng 01/2024); - Báo cáo (quý IV/2024)", ""));
        assertThat(activity.subList(1, 3)).extracting(e -> ((MilestoneScheduled) e).milestoneId(),
                        e -> ((MilestoneScheduled) e).due())
                .containsExactly(tuple("m1", LocalDate.of(2024, 1, 31)), tuple("m2", LocalDate.of(2024, 12, 31)));
    }

    @Test
    void anActivityRegisteredWithoutEffectiveOnIsInForceFromThePlansDecisionDate() {
        fixture.given(CREATED)
                .when(register("I.4", "- Quyết định (tháng 01/2024); - Báo cáo (quý IV/2024)"))
                .expectEventsMatching(allInForceFrom("2023-12-25"));
        assertThat(activityInForce("I.4")).containsOnly("2023-12-25").hasSize(3);
    }

    @Test
    void anActivityOfAPlanWhoseDecisionHasNoDateIsInForceFromFirstJanuaryOfTheYear() {
        fixture.given(new PlanCreated(PLAN, "Kế hoạch CCHC năm 2024", 2024, new DocumentRef("2880/QĐ-UBND", null)))
                .when(register("I.4", "Tháng 01/2024"))
                .expectEventsMatching(allInForceFrom("2024-01-01"));
        assertThat(activityInForce("I.4")).containsOnly("2024-01-01").hasSize(2);
    }

    @Test
    void anActivityRegisteredWithEffectiveOnIsInForceFromThatDay() {
        fixture.given(CREATED)
                .when(new RegisterActivity(PLAN, "I.4", "I", "t", List.of("p"), "Tháng 01/2024", "",
                        LocalDate.of(2024, 3, 1)))
                .expectEventsMatching(allInForceFrom("2024-03-01"));
        assertThat(activityInForce("I.4")).containsOnly("2024-03-01").hasSize(2);
    }

    private static Matcher<List<EventMessage<?>>> allInForceFrom(String day) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(List<EventMessage<?>> events) {
                return !events.isEmpty() && events.stream()
                        .allMatch(e -> day.equals(e.getMetaData().get(LedgerMetaData.EFFECTIVE_ON)));
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("events whose metadata effectiveOn is " + day);
            }
        };
    }

    /** The metadata effectiveOn of each event of the activity the plan created, in order. */
    private List<Object> activityInForce(String code) {
        return activityEvents.readEvents(PLAN + "/" + code).asStream()
                .map(e -> e.getMetaData().get(LedgerMetaData.EFFECTIVE_ON)).collect(Collectors.toList());
    }

    @Test
    void codesAreUniqueWithinAPlan() {
        fixture.given(CREATED, new ActivityAddedToPlan(PLAN, "I.4", PLAN + "/I.4"))
                .when(register("I.4", "Tháng 01/2024"))
                .expectNoEvents()
                .expectExceptionMessage("activity I.4 is already registered in plan " + PLAN);
    }

    @Test
    void codeMustBelongToItsSection() {
        fixture.given(CREATED)
                .when(new RegisterActivity(PLAN, "II.4", "I", "t", List.of("p"), "Tháng 01/2024", ""))
                .expectNoEvents()
                .expectException(LedgerException.class);
    }

    @Test
    void unreadableTimelineIsRefused() {
        fixture.given(CREATED)
                .when(register("I.5", "khi nào rảnh"))
                .expectNoEvents()
                .expectException(LedgerException.class);
    }
}
