package org.planledger.shared.ledger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The hash chain as specified in {@code docs/LEDGER-HASH.md}: the worked vectors are read from that file, so the
 * document and the code cannot drift apart.
 */
class LedgerHashTest {

    private static final Path SPEC = Path.of("..", "docs", "LEDGER-HASH.md");

    @Test
    void canonicalFormEventHashAndChainMatchTheDocumentedVectors() throws IOException {
        List<Map<String, String>> vectors = vectors();
        assertThat(vectors).hasSize(3);
        byte[] chain = LedgerHash.genesis();
        for (Map<String, String> vector : vectors) {
            StoredEvent event = event(vector);
            byte[] eventHash = LedgerHash.eventHash(event);
            chain = LedgerHash.chain(chain, eventHash);
            assertThat(LedgerHash.hex(LedgerHash.canonical(event))).as("canonical of " + vector.get("vector"))
                    .isEqualTo(vector.get("canonical"));
            assertThat(LedgerHash.hex(eventHash)).as("event_hash of " + vector.get("vector"))
                    .isEqualTo(vector.get("event_hash"));
            assertThat(LedgerHash.hex(chain)).as("chain_hash of " + vector.get("vector"))
                    .isEqualTo(vector.get("chain_hash"));
        }
    }

    @Test
    void genesisIsThirtyTwoZeroBytes() {
        assertThat(LedgerHash.hex(LedgerHash.genesis())).isEqualTo("0".repeat(64));
    }

    @Test
    void nullAndEmptyAreDifferentValues() {
        StoredEvent withNullRevision = sample("T", null, bytes("{}"));
        StoredEvent withEmptyRevision = sample("T", "", bytes("{}"));
        StoredEvent withNullMetaData = sample("T", null, null);
        StoredEvent withEmptyMetaData = sample("T", null, new byte[0]);
        assertThat(LedgerHash.hex(LedgerHash.eventHash(withNullRevision)))
                .isNotEqualTo(LedgerHash.hex(LedgerHash.eventHash(withEmptyRevision)));
        assertThat(LedgerHash.hex(LedgerHash.eventHash(withNullMetaData)))
                .isNotEqualTo(LedgerHash.hex(LedgerHash.eventHash(withEmptyMetaData)));
    }

    @Test
    void movingBytesAcrossAFieldBoundaryChangesTheHash() {
        StoredEvent a = sample("ActivityAssigned", "1", bytes("{}"));
        StoredEvent b = sample("ActivityAssigned1", "", bytes("{}"));
        assertThat(LedgerHash.hex(LedgerHash.eventHash(a))).isNotEqualTo(LedgerHash.hex(LedgerHash.eventHash(b)));
    }

    @Test
    void everyCoveredColumnChangesTheHash() {
        StoredEvent base = new StoredEvent("id", "Plan", "p", 1, "2024-01-01T00:00:00.000Z", "PlanCreated", null,
                bytes("{\"a\":1}"), bytes("{}"));
        List<StoredEvent> changed = List.of(
                new StoredEvent("id2", "Plan", "p", 1, "2024-01-01T00:00:00.000Z", "PlanCreated", null, bytes("{\"a\":1}"), bytes("{}")),
                new StoredEvent("id", "Activity", "p", 1, "2024-01-01T00:00:00.000Z", "PlanCreated", null, bytes("{\"a\":1}"), bytes("{}")),
                new StoredEvent("id", "Plan", "q", 1, "2024-01-01T00:00:00.000Z", "PlanCreated", null, bytes("{\"a\":1}"), bytes("{}")),
                new StoredEvent("id", "Plan", "p", 2, "2024-01-01T00:00:00.000Z", "PlanCreated", null, bytes("{\"a\":1}"), bytes("{}")),
                new StoredEvent("id", "Plan", "p", 1, "2024-01-01T00:00:00.001Z", "PlanCreated", null, bytes("{\"a\":1}"), bytes("{}")),
                new StoredEvent("id", "Plan", "p", 1, "2024-01-01T00:00:00.000Z", "PlanOpened", null, bytes("{\"a\":1}"), bytes("{}")),
                new StoredEvent("id", "Plan", "p", 1, "2024-01-01T00:00:00.000Z", "PlanCreated", "1", bytes("{\"a\":1}"), bytes("{}")),
                new StoredEvent("id", "Plan", "p", 1, "2024-01-01T00:00:00.000Z", "PlanCreated", null, bytes("{\"a\":2}"), bytes("{}")),
                new StoredEvent("id", "Plan", "p", 1, "2024-01-01T00:00:00.000Z", "PlanCreated", null, bytes("{\"a\":1}"), bytes("{ }")));
        String original = LedgerHash.hex(LedgerHash.eventHash(base));
        assertThat(changed).allSatisfy(e -> assertThat(LedgerHash.hex(LedgerHash.eventHash(e))).isNotEqualTo(original));
    }

    @Test
    void theChainDependsOnOrder() {
        byte[] first = LedgerHash.eventHash(sample("A", null, bytes("{}")));
        byte[] second = LedgerHash.eventHash(sample("B", null, bytes("{}")));
        byte[] forwards = LedgerHash.chain(LedgerHash.chain(LedgerHash.genesis(), first), second);
        byte[] backwards = LedgerHash.chain(LedgerHash.chain(LedgerHash.genesis(), second), first);
        assertThat(LedgerHash.hex(forwards)).isNotEqualTo(LedgerHash.hex(backwards));
    }

    @Test
    void hexRoundTripsAndRefusesWhatIsNotAHash() {
        byte[] hash = LedgerHash.eventHash(sample("A", null, null));
        assertThat(LedgerHash.fromHex(LedgerHash.hex(hash))).isEqualTo(hash);
        assertThat(LedgerHash.fromHex(LedgerHash.hex(hash).toUpperCase())).isEqualTo(hash);
        assertThatThrownBy(() -> LedgerHash.fromHex("abc")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerHash.fromHex("z".repeat(64))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LedgerHash.fromHex(null)).isInstanceOf(IllegalArgumentException.class);
    }

    private static StoredEvent sample(String payloadType, String revision, byte[] metaData) {
        return new StoredEvent("e", "Plan", "p", 0, "2024-01-01T00:00:00.000Z", payloadType, revision, bytes("{}"), metaData);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }

    private static StoredEvent event(Map<String, String> v) {
        return new StoredEvent(text(v, "event_identifier"), text(v, "type"), text(v, "aggregate_identifier"),
                Long.parseLong(v.get("sequence_number")), text(v, "time_stamp"), text(v, "payload_type"),
                text(v, "payload_revision"), raw(v, "payload"), raw(v, "meta_data"));
    }

    private static String text(Map<String, String> vector, String key) {
        String value = vector.get(key);
        if (value == null) {
            throw new IllegalStateException("vector " + vector.get("vector") + " has no " + key);
        }
        return switch (value) {
            case "NULL" -> null;
            case "(empty)" -> "";
            default -> value;
        };
    }

    private static byte[] raw(Map<String, String> vector, String key) {
        String value = text(vector, key);
        return value == null ? null : bytes(value);
    }

    /** The fenced block after "## Worked vectors": "key: value" lines, blank line between vectors, indented continuations. */
    private static List<Map<String, String>> vectors() throws IOException {
        String spec = Files.readString(SPEC, StandardCharsets.UTF_8);
        String section = spec.substring(spec.indexOf("## Worked vectors"));
        int open = section.indexOf("```\n") + 4;
        String block = section.substring(open, section.indexOf("```", open));
        List<Map<String, String>> vectors = new ArrayList<>();
        Map<String, String> current = null;
        String lastKey = null;
        for (String line : block.split("\n")) {
            if (line.startsWith("vector ")) {
                current = new LinkedHashMap<>();
                current.put("vector", line.substring("vector ".length()));
                vectors.add(current);
            } else if (line.startsWith(" ") && current != null && lastKey != null) {
                current.put(lastKey, current.get(lastKey) + line.strip());
            } else if (line.contains(": ") && current != null) {
                lastKey = line.substring(0, line.indexOf(": "));
                current.put(lastKey, line.substring(line.indexOf(": ") + 2));
            }
        }
        return vectors;
    }
}
