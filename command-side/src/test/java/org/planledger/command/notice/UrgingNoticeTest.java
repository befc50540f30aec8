package org.planledger.command.notice;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import java.util.Set;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.axonframework.test.aggregate.FixtureConfiguration;
import org.hamcrest.CustomTypeSafeMatcher;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.planledger.command.activity.Activity;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AgencyUrged;
import org.planledger.shared.api.AgencyUrged.UrgedMilestone;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.SendUrgingNotice;
import org.planledger.shared.api.SendUrgingNotice.NamedMilestone;
import org.planledger.shared.timeline.DueRule;

/** An urging notice names milestones of activities the agency leads or coordinates; anything else records nothing. */
class UrgingNoticeTest {

    static final String PLAN = "sonla-cchc-2024";
    static final String ID = PLAN + "/IV.8";
    static final AgencyRef Y_TE = new AgencyRef("so-y-te", "Sở Y tế");
    static final AgencyRef NOI_VU = new AgencyRef("so-noi-vu", "Sở Nội vụ");
    static final AgencyRef TU_PHAP = new AgencyRef("so-tu-phap", "Sở Tư pháp");
    static final LocalDate JUNE_END = LocalDate.of(2024, 6, 30);
    static final LocalDate SEPTEMBER_END = LocalDate.of(2024, 9, 30);
    static final LocalDate SENT = LocalDate.of(2024, 7, 10);

    private FixtureConfiguration<Activity> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Activity.class);
        fixture.registerAnnotatedCommandHandler(new UrgingNotices(fixture::getRepository));
    }

    static List<Object> ledByYTe() {
        return List.of(new ActivityRegistered(ID, PLAN, "IV.8", "IV", "Số hóa hồ sơ y tế", List.of("Báo cáo", "Hệ thống"),
                        "Báo cáo (tháng 6/2024) Hệ thống (tháng 9/2024)", ""),
                new MilestoneScheduled(ID, "m1", "Báo cáo", "Báo cáo (tháng 6/2024)",
                        new DueRule.EndOfMonth(YearMonth.of(2024, 6)), JUNE_END),
                new MilestoneScheduled(ID, "m2", "Hệ thống", "Hệ thống (tháng 9/2024)",
                        new DueRule.EndOfMonth(YearMonth.of(2024, 9)), SEPTEMBER_END),
                new ActivityAssigned(ID, Y_TE, List.of(), List.of(new AgencyRef("cac-so-ban-nganh", "Các sở, ban, ngành")),
                        null, List.of(), List.of(), "giao", null, null));
    }

    static SendUrgingNotice notice(AgencyRef agency, Set<String> groups, String... milestoneIds) {
        List<NamedMilestone> named = new java.util.ArrayList<>();
        for (int i = 0; i < milestoneIds.length; i++) {
            named.add(new NamedMilestone("IV.8", milestoneIds[i], "milestones[" + i + "]"));
        }
        return new SendUrgingNotice(PLAN, agency, groups, "125/SNV-CCHC", SENT, named, SENT);
    }

    static Matcher<LedgerException> refused(ErrorCode code, String field, String rule) {
        return new CustomTypeSafeMatcher<>("a LedgerException " + code + " on " + field + " with rule " + rule) {
            @Override
            protected boolean matchesSafely(LedgerException e) {
                return e.code() == code && rule.equals(e.rule()) && field.equals(e.field());
            }
        };
    }

    @Test
    void aNoticeRecordsEachMilestoneWithItsDueDateAndWhetherItWasOverdue() {
        fixture.given(ledByYTe())
                .when(notice(Y_TE, Set.of(), "m1", "m2"))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AgencyUrged(ID, Y_TE, "125/SNV-CCHC", SENT, List.of(
                        new UrgedMilestone("m1", JUNE_END, true), new UrgedMilestone("m2", SEPTEMBER_END, false))));
    }

    @Test
    void aMemberOfACoordinatingGroupMayBeUrged() {
        fixture.given(ledByYTe())
                .when(notice(TU_PHAP, Set.of("cac-so-ban-nganh"), "m2"))
                .expectEvents(new AgencyUrged(ID, TU_PHAP, "125/SNV-CCHC", SENT,
                        List.of(new UrgedMilestone("m2", SEPTEMBER_END, false))));
    }

    @Test
    void cannotUrgeAnAgencyAboutAMilestoneThatIsNotItsOwn() {
        fixture.given(ledByYTe())
                .when(notice(NOI_VU, Set.of(), "m1"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "milestones[0].code", "agency-takes-part"));
    }

    @Test
    void cannotNameAnUnknownMilestone() {
        fixture.given(ledByYTe())
                .when(notice(Y_TE, Set.of(), "m1", "m7"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.UNKNOWN_MILESTONE, "milestones[1].milestoneId", "milestone-exists"));
    }

    @Test
    void cannotNameACompletedMilestone() {
        List<Object> given = new java.util.ArrayList<>(ledByYTe());
        given.add(new MilestoneCompleted(ID, "m1", LocalDate.of(2024, 6, 20), null, JUNE_END, true));
        fixture.given(given)
                .when(notice(Y_TE, Set.of(), "m1"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "milestones[0].milestoneId", "milestone-not-completed"));
    }

    @Test
    void cannotNameAMilestoneTwice() {
        fixture.given(ledByYTe())
                .when(notice(Y_TE, Set.of(), "m1", "m1"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "milestones[1]", "no-duplicates"));
    }

    @Test
    void theSameNoticeIsRecordedOnce() {
        List<Object> given = new java.util.ArrayList<>(ledByYTe());
        given.add(new AgencyUrged(ID, Y_TE, "125/SNV-CCHC", SENT, List.of(new UrgedMilestone("m1", JUNE_END, true))));
        fixture.given(given)
                .when(notice(Y_TE, Set.of(), "m2"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "documentNumber", "notice-once"));
    }

    @Test
    void cannotUrgeAboutACancelledActivity() {
        List<Object> given = new java.util.ArrayList<>(ledByYTe());
        given.add(new ActivityCancelled(ID, "gộp", null, SENT));
        fixture.given(given)
                .when(notice(Y_TE, Set.of(), "m1"))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "milestones[0].code", "activity-not-cancelled"));
    }

    @Test
    void noNoticeDatedAfterTheDayItIsRecorded() {
        fixture.given(ledByYTe())
                .when(new SendUrgingNotice(PLAN, Y_TE, Set.of(), "125/SNV-CCHC", SENT.plusDays(1),
                        List.of(new NamedMilestone("IV.8", "m1", "milestones[0]")), SENT))
                .expectNoEvents()
                .expectException(refused(ErrorCode.RULE_BROKEN, "sentOn", "not-in-future"));
    }
}
