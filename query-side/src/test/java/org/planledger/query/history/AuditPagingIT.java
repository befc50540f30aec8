package org.planledger.query.history;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * (In this package for its test fixtures.) Paging through the audit trail while two writers append events: every entry shows up exactly once, in the order
 * the trail was written, whatever the page size and however the appends interleave with the reads.
 */
class AuditPagingIT {

    private static QuerySide querySide;

    @BeforeAll
    static void start() {
        querySide = QuerySide.start();
    }

    @AfterAll
    static void stop() {
        if (querySide != null) {
            querySide.close();
        }
    }

    @Test
    void pagesTakenWhileEventsAreAppendedShowEveryEntryOnceInOrder() {
        List<String> plans = List.of("paging-a-" + System.nanoTime(), "paging-b-" + System.nanoTime());
        List<List<String>> eventIds = new ArrayList<>();
        List<Runnable> appenders = new ArrayList<>();
        List<CompletableFuture<Void>> writers = new ArrayList<>();
        for (int i = 0; i < plans.size(); i++) {
            // recorded now, as the command side stamps events: Axon's JDBC engine forgets a gap in the global
            // index once the events around it are older than its gap timeout, and two writers leave gaps
            LedgerSimulation ledger = SonLaLedger.load(plans.get(i), Instant.now(), 0);
            SonLaLedger.grow(ledger, new Random(i), 600);
            eventIds.add(ledger.events().stream().map(LedgerSimulation.Recorded::eventId).toList());
            appenders.add(() -> {
                List<LedgerSimulation.Recorded> events = ledger.events();
                for (int from = 0; from < events.size(); from += 5) {
                    querySide.append(events.subList(from, Math.min(events.size(), from + 5)));
                }
            });
        }

        List<JsonNode> seen = new ArrayList<>();
        String cursor = null;
        boolean writing = true;
        int pagesWhileWriting = 0;
        while (true) {
            Map<String, String> query = new LinkedHashMap<>();
            query.put("limit", "37");
            query.put("cursor", cursor);
            JsonNode page = querySide.json("/api/audit", query);
            if (writers.isEmpty()) {
                appenders.forEach(a -> writers.add(CompletableFuture.runAsync(a)));
            }
            page.get("entries").forEach(seen::add);
            cursor = page.get("nextCursor").isNull() ? cursor : page.get("nextCursor").asText();
            if (writing) {
                pagesWhileWriting++;
                writing = writers.stream().anyMatch(w -> !w.isDone());
                if (!writing) {
                    querySide.awaitCaughtUp(Duration.ofMinutes(2), "audit_entry");
                }
            } else if (!page.get("more").asBoolean()) {
                break;
            }
        }
        writers.forEach(CompletableFuture::join);

        assertThat(pagesWhileWriting).as("pages read while the writers appended").isGreaterThan(1);
        List<String> ids = seen.stream().map(e -> e.get("eventId").asText()).toList();
        assertThat(new HashSet<>(ids)).as("no entry twice").hasSize(ids.size());
        Set<String> expected = new HashSet<>();
        eventIds.forEach(expected::addAll);
        assertThat(ids.stream().filter(expected::contains).toList()).as("every appended event, once")
                .containsExactlyInAnyOrderElementsOf(expected);
        for (int i = 0; i < plans.size(); i++) {
            String plan = plans.get(i);
            List<String> ofPlan = seen.stream().filter(e -> e.get("planId").asText().equals(plan))
                    .map(e -> e.get("eventId").asText()).toList();
            assertThat(ofPlan).as("entries of %s in the order they were recorded", plan).isEqualTo(eventIds.get(i));
        }
        List<Long> positions = Stream.of(seen.toArray(JsonNode[]::new))
                .filter(e -> plans.contains(e.get("planId").asText())).map(e -> e.get("position").asLong()).toList();
        assertThat(positions).as("global positions of both plans").doesNotHaveDuplicates();
    }
}
