package org.planledger.shared.timeline;

import java.time.LocalDate;
import java.util.Objects;
import java.util.Optional;

/**
 * One milestone read from a timeline cell: {@code printed} is the piece of the cell it came
 * from, kept so that an inspector can always see what the decision actually said.
 */
public record MilestoneSpec(String id, String product, DueRule rule, String printed) {

    public MilestoneSpec {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(product, "product");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(printed, "printed");
    }

    public Optional<LocalDate> due() {
        return rule.resolvedDue();
    }
}
