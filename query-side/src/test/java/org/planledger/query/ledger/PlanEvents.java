package org.planledger.query.ledger;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStorageEngine;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.MetaData;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.LedgerMetaData;
import org.planledger.shared.api.PlanCreated;

/** Events of a plan appended through Axon's event store as the command side would, and GETs as a demo user. */
public final class PlanEvents {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    private PlanEvents() {
    }

    /** Appends events {@code from} … {@code from + count - 1} of a plan: PlanCreated (sequence 0), then activities added. */
    public static void append(EventStore eventStore, String plan, int from, int count) {
        eventStore.publish(events(plan, from, count, null));
    }

    /**
     * The same events written straight to the storage engine, as another process (the command side) appends them:
     * this process's event store is not told of the commit, so its readers learn of the events only from the database
     * (the push, or the next poll).
     */
    public static void appendAsAnotherProcess(EventStorageEngine storageEngine, String plan, int from, int count) {
        storageEngine.appendEvents(events(plan, from, count, null));
    }

    /** The same with the stored time given (null: now), as a history recorded in the past is stored. */
    public static void appendAsAnotherProcess(EventStorageEngine storageEngine, String plan, int from, int count,
            Instant recordedAt) {
        storageEngine.appendEvents(events(plan, from, count, recordedAt));
    }

    private static List<GenericDomainEventMessage<?>> events(String plan, int from, int count, Instant recordedAt) {
        List<GenericDomainEventMessage<?>> events = new ArrayList<>();
        MetaData metaData = MetaData.from(Map.of(LedgerMetaData.ACTOR_USER, "admin",
                LedgerMetaData.ACTOR_ROLE, "PLAN_ADMIN", LedgerMetaData.REASON, "kiểm thử sổ cái",
                LedgerMetaData.REQUEST_ID, UUID.randomUUID().toString()));
        for (int seq = from; seq < from + count; seq++) {
            Object payload = seq == 0
                    ? new PlanCreated(plan, "Kế hoạch CCHC năm 2024", 2024, new DocumentRef("2880/QĐ-UBND", LocalDate.of(2023, 12, 25)))
                    : new ActivityAddedToPlan(plan, "I." + seq, plan + "/I." + seq);
            events.add(recordedAt == null ? new GenericDomainEventMessage<>("Plan", plan, seq, payload, metaData)
                    : new GenericDomainEventMessage<>("Plan", plan, seq, payload, metaData, UUID.randomUUID().toString(),
                            recordedAt));
        }
        return events;
    }

    /** GET on the service at {@code port} as a demo user ({@code user:demo}), or anonymously when user is null. */
    public static HttpResponse<String> get(int port, String user, String path) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET();
        if (user != null) {
            request.header("Authorization", "Basic "
                    + Base64.getEncoder().encodeToString((user + ":demo").getBytes(StandardCharsets.UTF_8)));
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }
}
