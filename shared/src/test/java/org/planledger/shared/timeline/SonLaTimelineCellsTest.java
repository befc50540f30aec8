package org.planledger.shared.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.text.Normalizer;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Every "Thời gian" cell of the Sơn La 2024 plan, as transcribed in sonla-2024-timelines.tsv. */
class SonLaTimelineCellsTest {

    private static final String RESOURCE = "sonla-2024-timelines.tsv";
    private static final int PLAN_YEAR = 2024;

    record Cell(String code, String text, String expected, List<String> products) {
        int expectedCount() {
            return Integer.parseInt(expected.substring(0, expected.indexOf(':')));
        }

        @Override
        public String toString() {
            return code + " " + text;
        }
    }

    static List<Cell> cells() {
        try (InputStream in = Objects.requireNonNull(SonLaTimelineCellsTest.class.getResourceAsStream(RESOURCE), RESOURCE);
             BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines()
                    .filter(line -> !line.isBlank() && !line.startsWith("#"))
                    .map(line -> line.split("\t", -1))
                    .map(f -> new Cell(f[0], f[1], f[2], List.of(f[3].split(" \\| "))))
                    .toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Stream<Arguments> cellArguments() {
        return cells().stream().map(c -> Arguments.of(c.code(), c));
    }

    @Test
    void transcribesAll81ActivitiesUnderTheirPrintedCodes() {
        List<Cell> cells = cells();
        assertThat(cells).hasSize(81);
        assertThat(cells).extracting(Cell::code).doesNotHaveDuplicates().doesNotContain("I.14");
        Map<String, Long> perSection = cells.stream()
                .collect(Collectors.groupingBy(c -> c.code().substring(0, c.code().indexOf('.')), Collectors.counting()));
        assertThat(perSection).containsExactlyInAnyOrderEntriesOf(Map.of(
                "I", 16L, "II", 6L, "III", 8L, "IV", 14L, "V", 7L, "VI", 9L, "VII", 15L, "VIII", 6L));
        assertThat(cells).allSatisfy(c -> {
            assertThat(c.text()).isEqualTo(Normalizer.normalize(c.text(), Normalizer.Form.NFC));
            assertThat(c.text()).doesNotContain("\n").isEqualTo(c.text().strip());
        });
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cellArguments")
    void readsEachCellIntoTheExpectedMilestones(String code, Cell cell) {
        List<MilestoneSpec> milestones = TimelineReader.read(cell.text(), cell.products(), PLAN_YEAR);

        assertThat(milestones).hasSize(cell.expectedCount());
        assertThat(MilestoneSummary.of(milestones)).isEqualTo(cell.expected());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cellArguments")
    void numbersMilestonesInPrintedOrderAndKeepsTheirPrintedText(String code, Cell cell) {
        List<MilestoneSpec> milestones = TimelineReader.read(cell.text(), cell.products(), PLAN_YEAR);

        assertThat(milestones).extracting(MilestoneSpec::id)
                .containsExactlyElementsOf(IntStream.rangeClosed(1, milestones.size()).mapToObj(i -> "m" + i).toList());
        String cellText = cell.text().replaceAll("\\s+", " ");
        int from = 0;
        for (MilestoneSpec m : milestones) {
            assertThat(m.printed()).isNotBlank().isEqualTo(m.printed().strip());
            int at = cellText.indexOf(m.printed(), from);
            assertThat(at).as("printed piece %s in order within %s", m.printed(), cellText).isGreaterThanOrEqualTo(0);
            from = at + m.printed().length();
        }
    }

    @Test
    void resolvesTheCalendarDueDatesOfTheWholePlan() {
        Map<String, Long> dueCounts = cells().stream()
                .flatMap(c -> TimelineReader.read(c.text(), c.products(), PLAN_YEAR).stream())
                .collect(Collectors.groupingBy(m -> m.due().map(Object::toString).orElse("none"), Collectors.counting()));
        long total = dueCounts.values().stream().mapToLong(Long::longValue).sum();
        long undated = dueCounts.getOrDefault("none", 0L);
        // 104 milestones in all; those without a date are recurring, ongoing, triggered, service-level or as-regulated.
        assertThat(total).isEqualTo(104);
        assertThat(undated).isEqualTo(33);
        assertThat(dueCounts).containsEntry("2024-12-31", 28L);
    }
}
