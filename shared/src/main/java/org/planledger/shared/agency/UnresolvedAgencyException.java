package org.planledger.shared.agency;

import java.util.List;

/** A lead or coordinating cell holds text that names no known agency. */
public class UnresolvedAgencyException extends RuntimeException {

    private final String cellText;
    private final List<String> unresolvedParts;

    public UnresolvedAgencyException(String cellText, List<String> unresolvedParts) {
        super("no known agency for " + describe(unresolvedParts) + " in cell \"" + cellText + "\"");
        this.cellText = cellText;
        this.unresolvedParts = List.copyOf(unresolvedParts);
    }

    /** The text that could not be resolved; several pieces are joined with " | ". */
    public String getUnresolved() {
        return String.join(" | ", unresolvedParts);
    }

    public List<String> getUnresolvedParts() {
        return unresolvedParts;
    }

    public String getCellText() {
        return cellText;
    }

    private static String describe(List<String> parts) {
        return parts.stream().map(p -> "\"" + p + "\"").reduce((a, b) -> a + ", " + b).orElse("\"\"");
    }
}
