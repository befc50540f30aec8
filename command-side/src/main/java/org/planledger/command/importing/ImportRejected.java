package org.planledger.command.importing;

import java.util.List;
import org.planledger.security.ProblemDetails;
import org.planledger.shared.api.ErrorCode;
import org.springframework.http.ProblemDetail;

/** A file with at least one bad row: nothing of it is imported. */
class ImportRejected extends RuntimeException {

    private final List<RowError> errors;

    ImportRejected(List<RowError> errors) {
        this("plan file", errors);
    }

    /** {@code what}: what the file holds, for the message ("plan file", "amendment file"). */
    ImportRejected(String what, List<RowError> errors) {
        super(errors.size() + " row(s) of the " + what + " cannot be imported; nothing was imported");
        this.errors = List.copyOf(errors);
    }

    List<RowError> errors() {
        return errors;
    }

    /** The 422 answer: {@code errors} lists every bad row. */
    ProblemDetail problem(String title) {
        ProblemDetail problem = ProblemDetails.of(ErrorCode.RULE_BROKEN, "file", "every-row-importable", getMessage());
        problem.setTitle(title);
        problem.setProperty("errors", errors);
        return problem;
    }
}
