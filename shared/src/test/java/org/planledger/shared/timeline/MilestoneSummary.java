package org.planledger.shared.timeline;

import java.util.List;
import java.util.stream.Collectors;

/** The one-line form the tests compare milestones in: "2: EndOfMonth 2024-07-31 «Kế hoạch» | Ongoing «…»". */
final class MilestoneSummary {

    private MilestoneSummary() {
    }

    static String of(List<MilestoneSpec> milestones) {
        return milestones.size() + ": " + milestones.stream()
                .map(m -> rule(m.rule()) + " «" + m.product() + "»")
                .collect(Collectors.joining(" | "));
    }

    static String rule(DueRule rule) {
        String name = rule.getClass().getSimpleName();
        String detail = "";
        if (rule instanceof DueRule.Recurring r) {
            detail = "(" + r.frequencies().stream().map(Enum::name).collect(Collectors.joining("+"))
                    + (r.dayOfMonth() == null ? "" : ", day " + r.dayOfMonth()) + ")";
        } else if (rule instanceof DueRule.Triggered t) {
            detail = "(" + t.offset() + ")";
        } else if (rule instanceof DueRule.ServiceLevel s) {
            detail = "(" + s.workingDays() + ")";
        }
        return name + detail + rule.resolvedDue().map(d -> " " + d).orElse("");
    }
}
