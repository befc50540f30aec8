package org.planledger.command.importing;

/** Why one row of a plan file cannot be imported; {@code row} is the row number as the file shows it (1-based). */
public record RowError(int row, String code, String column, String reason) {
}
