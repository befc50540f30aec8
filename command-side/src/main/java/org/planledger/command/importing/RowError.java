package org.planledger.command.importing;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * Why one row of a file cannot be imported: {@code row} is the row number as the file shows it (1-based),
 * {@code code} the activity, {@code column} the cell, {@code rule} (where one is named) the rule the row breaks.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record RowError(int row, String code, String column, String rule, String reason) {

    public RowError(int row, String code, String column, String reason) {
        this(row, code, column, null, reason);
    }
}
