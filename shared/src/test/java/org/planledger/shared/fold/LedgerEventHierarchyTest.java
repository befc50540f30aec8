package org.planledger.shared.fold;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.LedgerEvent;
import org.planledger.shared.eventstore.EventCatalogue;

/** The sealed event hierarchy and the catalogue of stored names list the same event types. */
class LedgerEventHierarchyTest {

    @Test
    void everyPermittedEventTypeHasAStoredNameAndEveryStoredNameIsALedgerEvent() {
        Set<Class<?>> leaves = new LinkedHashSet<>();
        Deque<Class<?>> open = new ArrayDeque<>(java.util.List.of(LedgerEvent.class));
        while (!open.isEmpty()) {
            Class<?> type = open.pop();
            if (type.isSealed()) {
                open.addAll(java.util.List.of(type.getPermittedSubclasses()));
            } else {
                leaves.add(type);
            }
        }

        assertThat(leaves).containsExactlyInAnyOrderElementsOf(EventCatalogue.all().values());
    }
}
