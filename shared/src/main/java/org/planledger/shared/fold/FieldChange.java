package org.planledger.shared.fold;

/** One field's change, before → after; {@code before} is null for a value set for the first time. */
public record FieldChange(String field, String before, String after) {

    public String text() {
        return field + ": " + (before == null ? "—" : before) + " → " + (after == null ? "—" : after);
    }
}
