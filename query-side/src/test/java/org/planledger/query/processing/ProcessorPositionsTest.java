package org.planledger.query.processing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** What "a processor has reached a position" means at the edges, where no database is asked. */
class ProcessorPositionsTest {

    private final ProcessorPositions positions = new ProcessorPositions(null, null, null, null);

    @Test
    void anEmptyStoreIsReachedEvenByASegmentThatHasSeenNoEventYet() {
        // a read model reset on a ledger with no event: its new token holds no position, and nothing is missing
        ProcessorPositions.Segment fresh = new ProcessorPositions.Segment("auditProjection", 0, null, new TreeSet<>(),
                false, null);
        assertThat(positions.reached(fresh, 0)).isTrue();
        assertThat(positions.reached(fresh, 1)).as("the first event is not reached by a token that saw none").isFalse();
    }

    @Test
    void aSegmentBehindThePositionHasNotReachedIt() {
        ProcessorPositions.Segment behind = new ProcessorPositions.Segment("planProjection", 0, 41L, new TreeSet<>(),
                false, null);
        assertThat(positions.reached(behind, 42)).isFalse();
        assertThat(positions.reached(behind, 41)).isTrue();
    }
}
