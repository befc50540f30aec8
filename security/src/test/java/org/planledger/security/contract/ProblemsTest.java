package org.planledger.security.contract;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ConnectException;
import java.sql.SQLException;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.planledger.security.ProblemDetails;
import org.planledger.shared.api.ErrorCode;
import org.springframework.http.ProblemDetail;
import org.springframework.jdbc.CannotGetJdbcConnectionException;
import org.springframework.transaction.TransactionSystemException;

class ProblemsTest {

    @Test
    void echoedInputIsCutAndLosesItsControlCharacters() {
        assertThat(ProblemDetails.clip("a\u0000b\nc")).isEqualTo("a?b?c");
        assertThat(ProblemDetails.clip("x".repeat(1_000_000))).hasSize(ProblemDetails.MAX_ECHO + 1);
        ProblemDetail problem = ProblemDetails.of(ErrorCode.INVALID_FIELD, "lead", "known", "y".repeat(100_000));
        assertThat(problem.getDetail().length()).isLessThanOrEqualTo(3 * ProblemDetails.MAX_ECHO + 1);
    }

    @Test
    void aLostDatabaseIs503WithRetryAfterAndAnythingElseA500NamingNothing() {
        RuntimeException wrapped = new IllegalStateException("command failed", new RuntimeException(
                new SQLException("terminating connection due to administrator command", "57P01")));
        assertThat(ProblemDetails.unexpected(wrapped).getStatus()).isEqualTo(503);
        assertThat(ProblemDetails.unexpected(new CannotGetJdbcConnectionException("no")).getProperties())
                .containsEntry("code", "SERVICE_UNAVAILABLE").containsEntry("retryAfter", ProblemDetails.RETRY_AFTER_SECONDS);
        assertThat(ProblemDetails.unexpected(new RuntimeException(new ConnectException("refused"))).getStatus()).isEqualTo(503);
        ProblemDetail internal = ProblemDetails.unexpected(new NullPointerException("org.planledger.Secret.field"));
        assertThat(internal.getStatus()).isEqualTo(500);
        assertThat(internal.getDetail()).doesNotContain("org.", "Secret", "NullPointer");
    }

    /** Found by the fault suite (scenario 3): a restart of PostgreSQL in the middle of a command's transaction. */
    @Test
    void aRollbackThatFailsOnTheConnectionThePoolClosedIs503() {
        TransactionSystemException rollbackFailed = new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed"));
        assertThat(ProblemDetails.unexpected(rollbackFailed).getStatus()).isEqualTo(503);
        TransactionSystemException afterLostConnection = new TransactionSystemException("JDBC rollback failed",
                new IllegalStateException("rollback"));
        afterLostConnection.initApplicationException(new RuntimeException(
                new SQLException("An I/O error occurred while sending to the backend.", "08006")));
        assertThat(ProblemDetails.unexpected(afterLostConnection).getStatus()).isEqualTo(503);
        assertThat(ProblemDetails.unexpected(new TransactionSystemException("JDBC rollback failed",
                new SQLException("Connection is closed", "42000"))).getStatus()).as("another SQL error").isEqualTo(500);
    }

    @Test
    void everyStatusTheContainerCanGiveHasACodeFieldAndRule() {
        for (int status : new int[] {400, 401, 403, 404, 405, 406, 413, 414, 415, 431, 418, 503}) {
            ProblemDetail problem = ApiProblems.byStatus(status);
            assertThat(problem.getProperties()).as("status " + status).containsKeys("code", "field", "rule");
        }
    }

    @Test
    void constraintsBecomeRulesWithTheirBounds() {
        assertThat(ApiProblems.rule("Size", Map.of("min", 0, "max", 2000))).isEqualTo("size:0..2000");
        assertThat(ApiProblems.rule("Pattern", Map.of("regexp", TextRules.MULTI_LINE))).isEqualTo("no-control-characters");
        assertThat(ApiProblems.rule("NotBlank", Map.of())).isEqualTo("required");
        assertThat(ApiProblems.kind(java.time.LocalDate.class)).isEqualTo("date");
        assertThat(ApiProblems.kind(int.class)).isEqualTo("integer");
    }

    @Test
    void onlyConcreteReadableMediaTypesPassTheContentTypeGuard() {
        assertThat(ContentTypeGuard.concrete("application/json; charset=UTF-8")).isTrue();
        assertThat(ContentTypeGuard.concrete("*/*")).isFalse();
        assertThat(ContentTypeGuard.concrete("application/*")).isFalse();
        assertThat(ContentTypeGuard.concrete("application/json;;;=")).isFalse();
    }
}
