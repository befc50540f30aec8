package org.planledger.shared.eventstore;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.List;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.junit.jupiter.api.Test;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.timeline.DueRule;

class EventCatalogueTest {

    private final LedgerSerializer serializer = LedgerSerializer.using(new ObjectMapper()
            .registerModule(new JavaTimeModule()).disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS));

    @Test
    void everyEventRecordOfTheApiPackageHasAStoredName() throws IOException {
        try (var files = Files.list(Path.of("src/main/java/org/planledger/shared/api"))) {
            List<String> events = files.filter(EventCatalogueTest::declaresAnEvent)
                    .map(p -> p.getFileName().toString().replace(".java", "")).toList();
            assertThat(EventCatalogue.names()).containsExactlyInAnyOrderElementsOf(events);
        }
    }

    /** A record of the api package that implements one of the sealed event interfaces. */
    private static boolean declaresAnEvent(Path source) {
        try {
            return Files.readString(source, StandardCharsets.UTF_8)
                    .matches("(?s).*public record \\w+\\(.*\\)\\s+implements (ActivityEvent|PlanEvent) \\{.*");
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void eventsAreStoredUnderTheirCatalogueNameNotTheJavaClassName() {
        ActivityAssigned event = new ActivityAssigned("p/I.1", new AgencyRef("so-noi-vu", "Sở Nội vụ"), List.of(),
                List.of(), null, List.of(), List.of(), "giao", new DocumentRef("1/QĐ", LocalDate.of(2024, 1, 2)), LocalDate.of(2024, 1, 2));
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        assertThat(stored.getType().getName()).isEqualTo("ActivityAssigned");
        assertThat(new String(stored.getData(), StandardCharsets.UTF_8))
                .contains("\"effectiveOn\":\"2024-01-02\"").doesNotContain("org.planledger");
        Object read = serializer.deserialize(stored);
        assertThat(read).isEqualTo(event);
    }

    @Test
    void aStoredMilestoneWithItsDueRuleReadsBack() {
        MilestoneScheduled event = new MilestoneScheduled("p/I.1", "m1", "Kế hoạch", "Kế hoạch (Tháng 7/2024)",
                new DueRule.EndOfMonth(YearMonth.of(2024, 7)), LocalDate.of(2024, 7, 31));
        SerializedObject<byte[]> stored = serializer.serialize(event, byte[].class);
        Object read = serializer.deserialize(new SimpleSerializedObject<>(stored.getData(), byte[].class,
                new SimpleSerializedType("MilestoneScheduled", null)));
        assertThat(read).isEqualTo(event);
    }

    @Test
    void theReadmeEventCatalogueListsEveryStoredEvent() throws IOException {
        String readme = Files.readString(Path.of("../README.md"), StandardCharsets.UTF_8);
        for (String name : EventCatalogue.names()) {
            assertThat(readme).as("README event catalogue").contains("`" + name + "`");
        }
    }
}
