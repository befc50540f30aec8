package org.planledger.command.importing;

import java.util.List;

/** A plan file with at least one bad row: nothing of it is imported. */
class ImportRejected extends RuntimeException {

    private final List<RowError> errors;

    ImportRejected(List<RowError> errors) {
        super(errors.size() + " row(s) of the plan file cannot be imported; nothing was imported");
        this.errors = List.copyOf(errors);
    }

    List<RowError> errors() {
        return errors;
    }
}
