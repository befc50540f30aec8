package org.planledger.shared.plan;

import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** A plan as published: its sections and activity rows in printed order. */
public record PlanDocument(
        String planId,
        String title,
        int year,
        PlanDecision decision,
        List<PlanSection> sections,
        List<ActivityRow> activities) {

    public PlanDocument {
        planId = PlanText.nfc("planId", planId);
        title = PlanText.nfc("title", title);
        sections = List.copyOf(sections);
        activities = List.copyOf(activities);
        Set<String> sectionCodes = new HashSet<>();
        sections.forEach(s -> sectionCodes.add(s.code()));
        Set<String> codes = new HashSet<>();
        for (ActivityRow row : activities) {
            if (!sectionCodes.contains(row.section())) {
                throw new IllegalArgumentException("activity " + row.code() + " is in unknown section " + row.section());
            }
            if (!codes.add(row.code())) {
                throw new IllegalArgumentException("activity code " + row.code() + " appears twice");
            }
        }
    }

    public Optional<ActivityRow> activity(String code) {
        return activities.stream().filter(a -> a.code().equals(code)).findFirst();
    }

    public List<ActivityRow> activitiesIn(String sectionCode) {
        return activities.stream().filter(a -> a.section().equals(sectionCode)).toList();
    }
}
