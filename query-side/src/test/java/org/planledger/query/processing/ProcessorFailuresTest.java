package org.planledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.axonframework.eventhandling.GenericTrackedDomainEventMessage;
import org.axonframework.eventhandling.GlobalSequenceTrackingToken;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventhandling.TrackedEventMessage;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.springframework.dao.DataIntegrityViolationException;

class ProcessorFailuresTest {

    private final ProcessorFailures failures = new ProcessorFailures(Clock.fixed(Instant.parse("2024-06-01T00:00:00Z"), ZoneOffset.UTC));

    @Test
    void theDatabasesOwnWordsAreKeptWithoutTheStatementNorClassNames() {
        SQLException refused = new SQLException("ERROR: permission denied for table audit_entry\n  Where: SQL statement", "42501");
        DataIntegrityViolationException thrown = new DataIntegrityViolationException(
                "PreparedStatementCallback; SQL [insert into audit_entry (generation) values (?)]; ERROR: permission denied", refused);
        assertThat(ProcessorFailures.describe(new IllegalStateException("wrapped", thrown)))
                .isEqualTo("permission denied for table audit_entry (SQL state 42501)");
    }

    @Test
    void otherErrorsGiveTheInnermostMessageWithSimpleClassNames() {
        Exception error = new RuntimeException("outer", new IllegalArgumentException(
                "Cannot construct instance of org.planledger.shared.api.ActivityAssigned\n at [Source: …]"));
        assertThat(ProcessorFailures.describe(error)).isEqualTo("Cannot construct instance of ActivityAssigned");
        assertThat(ProcessorFailures.describe(new NullPointerException())).isEqualTo("the handler failed without a message");
        assertThat(ProcessorFailures.describe(new RuntimeException("x".repeat(1000)))).hasSize(300);
    }

    @Test
    void aFailureCountsItsRetriesAndIsClearedOnceTheSegmentCommitsAtOrPastIt() {
        TrackedEventMessage<?> third = event(3, "I.3");
        failures.failed("audit_entry", 0, third, new RuntimeException("refused"));
        failures.failed("audit_entry", 0, third, new RuntimeException("refused again"));
        assertThat(failures.of("audit_entry")).singleElement().satisfies(f -> {
            assertThat(f.retries()).isEqualTo(1);
            assertThat(f.error()).isEqualTo("refused again");
            assertThat(f.eventType()).isEqualTo("ActivityAddedToPlan");
            assertThat(f.aggregateIdentifier()).isEqualTo("p");
            assertThat(f.sequenceNumber()).isEqualTo(3);
            assertThat(f.tokenPosition()).isEqualTo(3);
        });
        assertThat(failures.of("plan")).isEmpty();

        failures.passed("audit_entry", 0, event(2, "I.2"));
        assertThat(failures.of("audit_entry")).as("an event before it passing changes nothing").hasSize(1);
        failures.passed("audit_entry", 1, event(3, "I.3"));
        assertThat(failures.of("audit_entry")).as("another segment passing changes nothing").hasSize(1);
        failures.passed("audit_entry", 0, event(3, "I.3"));
        assertThat(failures.current()).isEmpty();
    }

    private static TrackedEventMessage<?> event(long position, String code) {
        return new GenericTrackedDomainEventMessage<>(new GlobalSequenceTrackingToken(position),
                new GenericDomainEventMessage<>("Plan", "p", position, new ActivityAddedToPlan("p", code, "p/" + code)));
    }
}
