package org.planledger.shared.eventstore;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.InputStream;
import java.time.Instant;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.axonframework.eventhandling.GenericDomainEventEntry;
import org.axonframework.serialization.SerializationException;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.SimpleSerializedType;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.planledger.shared.api.ActivityAddedToPlan;
import org.planledger.shared.api.ActivityAmended;
import org.planledger.shared.api.ActivityAssigned;
import org.planledger.shared.api.ActivityCancelled;
import org.planledger.shared.api.ActivityRegistered;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.AgencyUrged;
import org.planledger.shared.api.AmendmentDecided;
import org.planledger.shared.api.DeadlineRescheduled;
import org.planledger.shared.api.DocumentRef;
import org.planledger.shared.api.MilestoneCompleted;
import org.planledger.shared.api.MilestoneScheduled;
import org.planledger.shared.api.MilestoneTriggered;
import org.planledger.shared.api.MilestoneWithdrawn;
import org.planledger.shared.api.PlanCreated;
import org.planledger.shared.api.ReportReviewed;
import org.planledger.shared.api.ReportSubmitted;
import org.planledger.shared.api.ReviewOutcome;
import org.planledger.shared.timeline.DueRule;

/**
 * Every stored version of every event type, kept as a JSON example under {@code stored/}, reads back through the real
 * serializer and upcaster chain as the current event; the current event stores exactly as its example (the frozen
 * contract); a stored name outside the catalogue is an error.
 */
class StoredEventVersionsTest {

    static final ObjectMapper JSON = new ObjectMapper().findAndRegisterModules()
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    static final LedgerSerializer SERIALIZER = LedgerSerializer.using(JSON);

    static final AgencyRef NOI_VU = new AgencyRef("so-noi-vu", "Sở Nội vụ");
    static final AgencyRef Y_TE = new AgencyRef("so-y-te", "Sở Y tế");
    static final DocumentRef BASIS = new DocumentRef("15/UBND-KGVX", LocalDate.of(2024, 1, 20));
    static final String ID = "sonla-cchc-2024/IV.9";

    /** The current form of each event type, as the examples under stored/ hold it. */
    static final Map<String, Object> CURRENT = new LinkedHashMap<>();

    static {
        CURRENT.put("PlanCreated", new PlanCreated("sonla-cchc-2024", "Kế hoạch CCHC năm 2024", 2024,
                new DocumentRef("2880/QĐ-UBND", null)));
        CURRENT.put("ActivityAddedToPlan", new ActivityAddedToPlan("sonla-cchc-2024", "IV.9", ID));
        CURRENT.put("ActivityRegistered", new ActivityRegistered(ID, "sonla-cchc-2024", "IV.9", "IV",
                "Triển khai hướng dẫn", List.of("Kế hoạch triển khai"),
                "Triển khai sau khi Bộ … ban hành hướng dẫn 01 tháng", ""));
        CURRENT.put("MilestoneScheduled", new MilestoneScheduled(ID, "m1", "Kế hoạch triển khai",
                "Triển khai sau khi Bộ … ban hành hướng dẫn 01 tháng",
                new DueRule.Triggered("Bộ … ban hành hướng dẫn", Period.ofMonths(1)), null));
        CURRENT.put("ActivityAssigned", new ActivityAssigned(ID, NOI_VU, List.of(Y_TE), List.of(), null, List.of(),
                List.of(), "giao nhiệm vụ", BASIS, LocalDate.of(2024, 1, 1)));
        CURRENT.put("DeadlineRescheduled", new DeadlineRescheduled(ID, "m1", LocalDate.of(2024, 5, 10),
                LocalDate.of(2024, 6, 30), "chờ hướng dẫn", BASIS, LocalDate.of(2024, 1, 20)));
        CURRENT.put("MilestoneTriggered", new MilestoneTriggered(ID, "m1", LocalDate.of(2024, 4, 10),
                new DocumentRef("12/2024/TT-BKHCN", LocalDate.of(2024, 4, 10)), "đã có hướng dẫn", null,
                LocalDate.of(2024, 5, 10)));
        CURRENT.put("ReportSubmitted", new ReportSubmitted(ID, "r1", NOI_VU, "m1", null, "Đã ban hành Kế hoạch",
                "45/BC-SNV", LocalDate.of(2024, 6, 20), LocalDate.of(2024, 6, 30), true));
        CURRENT.put("MilestoneCompleted", new MilestoneCompleted(ID, "m1", LocalDate.of(2024, 6, 25), "xong",
                LocalDate.of(2024, 6, 30), true));
        CURRENT.put("ActivityCancelled", new ActivityCancelled(ID, "không còn phù hợp", BASIS, LocalDate.of(2024, 7, 1)));
        CURRENT.put("ActivityAmended", new ActivityAmended(ID, "Triển khai hướng dẫn của Bộ",
                List.of("Kế hoạch triển khai", "Báo cáo"), "Kế hoạch triển khai (Tháng 7/2024); Báo cáo (quý IV/2024)",
                "Triển khai hướng dẫn", List.of("Kế hoạch triển khai"),
                "Triển khai sau khi Bộ … ban hành hướng dẫn 01 tháng", "điều chỉnh kế hoạch",
                new DocumentRef("1234/QĐ-UBND", LocalDate.of(2024, 6, 15)), LocalDate.of(2024, 6, 15)));
        CURRENT.put("AmendmentDecided", new AmendmentDecided("sonla-cchc-2024",
                new DocumentRef("1234/QĐ-UBND", LocalDate.of(2024, 6, 10)), LocalDate.of(2024, 6, 15),
                "Điều chỉnh, bổ sung Kế hoạch CCHC năm 2024", List.of(
                        new AmendmentDecided.Line("AMEND", "IV.9", null, "timeline Kế hoạch triển khai (Tháng 7/2024)"),
                        new AmendmentDecided.Line("RESCHEDULE", "IV.8", "m1", "due 2024-12-31"))));
        CURRENT.put("MilestoneWithdrawn", new MilestoneWithdrawn(ID, "m1", null, "điều chỉnh kế hoạch",
                new DocumentRef("1234/QĐ-UBND", LocalDate.of(2024, 6, 15)), LocalDate.of(2024, 6, 15)));
        CURRENT.put("ReportReviewed", new ReportReviewed(ID, "r1", ReviewOutcome.RETURNED, "thiếu số liệu quý II",
                LocalDate.of(2024, 6, 24)));
        CURRENT.put("AgencyUrged", new AgencyUrged(ID, Y_TE, "125/SNV-CCHC", LocalDate.of(2024, 6, 15),
                List.of(new AgencyUrged.UrgedMilestone("m1", LocalDate.of(2024, 6, 30), false))));
    }

    /** The current revision of the types past revision 1, each with an example of every revision before it. */
    static final Map<String, String> REVISION = Map.of("ReportSubmitted", "2");

    static String revision(String name) {
        return REVISION.getOrDefault(name, "1");
    }

    /**
     * Every stored version: events recorded before types carried a revision (none), revision 1 (the same payload),
     * and every later revision up to the current one, each with its own example file ({@code Name.rN.json}).
     */
    static Stream<Arguments> storedVersions() {
        return CURRENT.keySet().stream().flatMap(name -> Stream.concat(
                Stream.of(Arguments.of(name, null, name + ".r1.json")),
                Stream.iterate(1, r -> r <= Integer.parseInt(revision(name)), r -> r + 1)
                        .map(r -> Arguments.of(name, String.valueOf(r), name + ".r" + r + ".json"))));
    }

    @ParameterizedTest(name = "{0} revision {1}")
    @MethodSource("storedVersions")
    void everyStoredVersionReadsBackAsTheCurrentEvent(String name, String revision, String example) throws IOException {
        IntermediateEventRepresentation stored = new InitialEventRepresentation(new GenericDomainEventEntry<>(
                "Activity", ID, 3, "event-1", Instant.parse("2024-06-20T03:00:00Z"), name, revision, read(example),
                "{}".getBytes()), SERIALIZER);

        List<IntermediateEventRepresentation> upcast = LedgerUpcasters.chain().upcast(Stream.of(stored)).toList();

        assertThat(upcast).singleElement().satisfies(event -> {
            assertThat(event.getType().getRevision()).isEqualTo(revision(name));
            Object payload = SERIALIZER.deserialize(new SimpleSerializedObject<>(
                    event.getData(byte[].class).getData(), byte[].class, event.getType()));
            assertThat(payload).isEqualTo(CURRENT.get(name));
        });
    }

    @Test
    void everyEventTypeOfTheCatalogueHasAnExampleAndStoresExactlyAsItsExample() throws IOException {
        assertThat(CURRENT.keySet()).containsExactlyInAnyOrderElementsOf(EventCatalogue.names());
        for (Map.Entry<String, Object> current : CURRENT.entrySet()) {
            var serialized = SERIALIZER.serialize(current.getValue(), byte[].class);
            String revision = revision(current.getKey());
            assertThat(serialized.getType()).isEqualTo(new SimpleSerializedType(current.getKey(), revision));
            assertThat(JSON.readTree(serialized.getData())).as(current.getKey())
                    .isEqualTo(JSON.readTree(read(current.getKey() + ".r" + revision + ".json")));
        }
    }

    @Test
    void aStoredNameOutsideTheCatalogueIsAnErrorNotAnUnknownPayload() {
        assertThatThrownBy(() -> SERIALIZER.deserialize(new SimpleSerializedObject<>("{}".getBytes(), byte[].class,
                new SimpleSerializedType("MilestoneRenamed", "1"))))
                .isInstanceOf(SerializationException.class).hasMessageContaining("MilestoneRenamed");
        assertThatThrownBy(() -> SERIALIZER.deserialize(new SimpleSerializedObject<>("{}".getBytes(), byte[].class,
                new SimpleSerializedType("org.planledger.shared.api.PlanCreated", null))))
                .isInstanceOf(SerializationException.class);
    }

    private static byte[] read(String example) throws IOException {
        try (InputStream in = StoredEventVersionsTest.class.getResourceAsStream("stored/" + example)) {
            if (in == null) {
                throw new IllegalStateException("no stored example " + example);
            }
            return in.readAllBytes();
        }
    }
}
