package org.planledger.shared.timeline;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.planledger.shared.timeline.DueRule.AsRegulated;
import org.planledger.shared.timeline.DueRule.Bounded;
import org.planledger.shared.timeline.DueRule.EndOfMonth;
import org.planledger.shared.timeline.DueRule.EndOfQuarter;
import org.planledger.shared.timeline.DueRule.EndOfYear;
import org.planledger.shared.timeline.DueRule.Ongoing;
import org.planledger.shared.timeline.DueRule.Recurring;
import org.planledger.shared.timeline.DueRule.ServiceLevel;
import org.planledger.shared.timeline.DueRule.Triggered;

import java.text.Normalizer;
import java.time.LocalDate;
import java.time.Period;
import java.time.YearMonth;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.params.provider.Arguments.arguments;
import static org.planledger.shared.timeline.Frequency.HALF_YEARLY;
import static org.planledger.shared.timeline.Frequency.QUARTERLY;
import static org.planledger.shared.timeline.Frequency.YEARLY;

/** Every form, and every spelling, of the "Timelines" table in docs/DOMAIN.md. */
class TimelineFormsTest {

    private static final int PLAN_YEAR = 2024;
    private static final List<String> ONE_PRODUCT = List.of("Báo cáo của UBND tỉnh");

    static Stream<Arguments> singleMilestoneForms() {
        return Stream.of(
                // month
                arguments("Tháng 01/2024", new EndOfMonth(YearMonth.of(2024, 1)), LocalDate.of(2024, 1, 31)),
                arguments("tháng 9/2024", new EndOfMonth(YearMonth.of(2024, 9)), LocalDate.of(2024, 9, 30)),
                arguments("Tháng7/2024", new EndOfMonth(YearMonth.of(2024, 7)), LocalDate.of(2024, 7, 31)),
                arguments("tháng 1 năm 2024", new EndOfMonth(YearMonth.of(2024, 1)), LocalDate.of(2024, 1, 31)),
                arguments("tháng 01/2025", new EndOfMonth(YearMonth.of(2025, 1)), LocalDate.of(2025, 1, 31)),
                // quarter
                arguments("Quý I/2024", new EndOfQuarter(2024, 1), LocalDate.of(2024, 3, 31)),
                arguments("quý IV/2024", new EndOfQuarter(2024, 4), LocalDate.of(2024, 12, 31)),
                arguments("quí IV/2024", new EndOfQuarter(2024, 4), LocalDate.of(2024, 12, 31)),
                arguments("Qúy IV/2024", new EndOfQuarter(2024, 4), LocalDate.of(2024, 12, 31)),
                arguments("Quý III/2024", new EndOfQuarter(2024, 3), LocalDate.of(2024, 9, 30)),
                // year
                arguments("Năm 2024", new EndOfYear(2024), LocalDate.of(2024, 12, 31)),
                // recurring report
                arguments("Báo cáo định kỳ quý/6 tháng/năm",
                        new Recurring(List.of(QUARTERLY, HALF_YEARLY, YEARLY), null), null),
                arguments("Báo cáo kết quả định kỳ trước ngày 15 của quý/6 tháng/năm",
                        new Recurring(List.of(QUARTERLY, HALF_YEARLY, YEARLY), 15), null),
                arguments("01 năm 2 lần (06 tháng/lần)", new Recurring(List.of(HALF_YEARLY), null), null),
                arguments("Báo cáo theo định kỳ năm", new Recurring(List.of(YEARLY), null), null),
                // ongoing
                arguments("Thường xuyên", new Ongoing(), null),
                // triggered
                arguments("sau khi Chính phủ ban hành Nghị quyết",
                        new Triggered("Chính phủ ban hành Nghị quyết", Period.ZERO), null),
                arguments("Khi có Quyết định công bố TTHC của bộ, ngành, Trung ương",
                        new Triggered("Quyết định công bố TTHC của bộ, ngành, Trung ương", Period.ZERO), null),
                arguments("Triển khai sau khi Bộ … ban hành hướng dẫn 01 tháng",
                        new Triggered("Bộ … ban hành hướng dẫn", Period.ofMonths(1)), null),
                // service level
                arguments("5 ngày làm việc kể từ ngày nhận hồ sơ hợp lệ",
                        new ServiceLevel(5, "ngày nhận hồ sơ hợp lệ"), null),
                // mixed
                arguments("Năm 2024 (sau khi Bộ Y tế ban hành hướng dẫn)",
                        new Bounded(new EndOfYear(2024), "sau khi Bộ Y tế ban hành hướng dẫn"),
                        LocalDate.of(2024, 12, 31)),
                arguments("Tháng 01/2024 (sau khi có chương trình … của Chính phủ ban hành)",
                        new Bounded(new EndOfMonth(YearMonth.of(2024, 1)), "sau khi có chương trình … của Chính phủ ban hành"),
                        LocalDate.of(2024, 1, 31)),
                // "as regulated"
                arguments("Báo cáo kết quả theo quy định", new AsRegulated("Báo cáo kết quả theo quy định"), null),
                arguments("Báo cáo định kỳ theo quy định", new AsRegulated("Báo cáo định kỳ theo quy định"), null));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("singleMilestoneForms")
    void readsEachDocumentedFormIntoItsRuleAndDueDate(String text, DueRule expected, LocalDate expectedDue) {
        List<MilestoneSpec> milestones = TimelineReader.read(text, ONE_PRODUCT, PLAN_YEAR);

        assertThat(milestones).singleElement().satisfies(m -> {
            assertThat(m.rule()).isEqualTo(expected);
            assertThat(m.due()).isEqualTo(java.util.Optional.ofNullable(expectedDue));
            assertThat(m.printed()).isEqualTo(text);
            assertThat(m.id()).isEqualTo("m1");
        });
    }

    @Test
    void perProductCellGivesOneMilestonePerProductMatchedToTheActivitysItems() {
        List<MilestoneSpec> milestones = TimelineReader.read(
                "- Kế hoạch (Tháng 7/2024) Quyết định (tháng 9/2024); - Công văn hướng dẫn (quý IV/2024).",
                List.of("Kế hoạch triển khai", "Quyết định quy định về tiêu chí", "Công văn hướng dẫn"), PLAN_YEAR);

        assertThat(milestones).containsExactly(
                new MilestoneSpec("m1", "Kế hoạch triển khai", new EndOfMonth(YearMonth.of(2024, 7)), "Kế hoạch (Tháng 7/2024)"),
                new MilestoneSpec("m2", "Quyết định quy định về tiêu chí", new EndOfMonth(YearMonth.of(2024, 9)), "Quyết định (tháng 9/2024)"),
                new MilestoneSpec("m3", "Công văn hướng dẫn", new EndOfQuarter(2024, 4), "Công văn hướng dẫn (quý IV/2024)"));
    }

    @Test
    void perProductCellUsesTheTextsNameForAProductNotAmongTheItems() {
        List<MilestoneSpec> milestones = TimelineReader.read(
                "- Kế hoạch (Tháng 7/2024) Quyết định (tháng 9/2024); - Công văn hướng dẫn (quý IV/2024).",
                List.of("Phần mềm"), PLAN_YEAR);

        assertThat(milestones).extracting(MilestoneSpec::product)
                .containsExactly("Kế hoạch", "Quyết định", "Công văn hướng dẫn");
    }

    @Test
    void oneDateForAnActivityCoversAllItsProducts() {
        List<MilestoneSpec> milestones = TimelineReader.read(
                "Quý III/2024", List.of("Kết luận của Ban Thường vụ Tỉnh ủy", "Quyết định ban hành Đề án"), PLAN_YEAR);

        assertThat(milestones).singleElement().extracting(MilestoneSpec::product)
                .isEqualTo("Kết luận của Ban Thường vụ Tỉnh ủy; Quyết định ban hành Đề án");
    }

    @Test
    void aProductNamedWithoutADateSharesTheDateThatFollows() {
        List<MilestoneSpec> milestones = TimelineReader.read(
                "- Quyết định (tháng 02/2024); - Báo cáo; Văn bản chấn chỉnh (tháng 11/2024).",
                List.of("Quyết định", "báo cáo kết quả kiểm tra", "văn bản chấn chỉnh của Chủ tịch UBND tỉnh"), PLAN_YEAR);

        assertThat(milestones).hasSize(2);
        assertThat(milestones.get(1).printed()).isEqualTo("Báo cáo; Văn bản chấn chỉnh (tháng 11/2024)");
        assertThat(milestones.get(1).product()).isEqualTo("báo cáo kết quả kiểm tra; văn bản chấn chỉnh của Chủ tịch UBND tỉnh");
        assertThat(milestones.get(1).due()).contains(LocalDate.of(2024, 11, 30));
    }

    @Test
    void aSemicolonInsideAConditionDoesNotSplitIt() {
        String cell = "Báo cáo sau khi Trung tâm Bồi dưỡng cán bộ và nghiên khoa học MTTQ VN; tổ chức UNDP tổ chức Hội nghị công bố";

        List<MilestoneSpec> milestones = TimelineReader.read(cell, ONE_PRODUCT, PLAN_YEAR);

        assertThat(milestones).singleElement().satisfies(m -> {
            assertThat(m.printed()).isEqualTo(cell);
            assertThat(m.rule()).isEqualTo(new Triggered(
                    "Trung tâm Bồi dưỡng cán bộ và nghiên khoa học MTTQ VN; tổ chức UNDP tổ chức Hội nghị công bố", Period.ZERO));
        });
    }

    @Test
    void anUndatedPieceCoversTheProductsNoOtherPieceNames() {
        List<MilestoneSpec> milestones = TimelineReader.read(
                "-  Tháng 01/2024 (sau khi có chương trình của Chính phủ ban hành); - Báo cáo kết quả theo quy định.",
                List.of("Quyết định của Chủ tịch UBND tỉnh", "Báo cáo của UBND tỉnh"), PLAN_YEAR);

        assertThat(milestones).extracting(MilestoneSpec::product)
                .containsExactly("Quyết định của Chủ tịch UBND tỉnh", "Báo cáo của UBND tỉnh");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            THÁNG 07/2024                 | 2024-07-31
            quý iv/2024                   | 2024-12-31
            QUÍ II/2024                   | 2024-06-30
            Quý 2/2024                    | 2024-06-30
            Tháng\u00A0 7 /2024           | 2024-07-31
            tháng 9                       | 2025-09-30
            Quý IV                        | 2025-12-31
            Kế hoạch tháng 3              | 2025-03-31
            """)
    void toleratesCaseSpacingAndAMissingYear(String text, LocalDate expectedDue) {
        assertThat(TimelineReader.read(text, ONE_PRODUCT, 2025)).singleElement()
                .extracting(MilestoneSpec::due).isEqualTo(java.util.Optional.of(expectedDue));
    }

    @Test
    void readsDecomposedUnicodeAndPdfLineWrapsAsPrinted() {
        String wrapped = "- Kế hoạch (Tháng \n\n7/2024) \n\n Quyết định (tháng \n\n9/2024);  \n\n- Công văn hướng dẫn \n\n(quý IV/2024). ";
        String decomposed = Normalizer.normalize(wrapped, Normalizer.Form.NFD);

        List<MilestoneSpec> milestones = TimelineReader.read(decomposed, List.of(), PLAN_YEAR);

        assertThat(milestones).extracting(MilestoneSpec::printed)
                .containsExactly("Kế hoạch (Tháng 7/2024)", "Quyết định (tháng 9/2024)", "Công văn hướng dẫn (quý IV/2024)");
        assertThat(milestones).extracting(MilestoneSpec::due).containsExactly(
                java.util.Optional.of(LocalDate.of(2024, 7, 31)),
                java.util.Optional.of(LocalDate.of(2024, 9, 30)),
                java.util.Optional.of(LocalDate.of(2024, 12, 31)));
    }

    @Test
    void aTriggeredRuleFallsDueTheOffsetAfterItsTrigger() {
        Triggered rule = new Triggered("Bộ Khoa học công nghệ ban hành hướng dẫn", Period.ofMonths(1));

        assertThat(rule.resolvedDue()).isEmpty();
        assertThat(rule.dueAfter(LocalDate.of(2024, 3, 15))).isEqualTo(LocalDate.of(2024, 4, 15));
    }

    @Test
    void aBoundMustBeACalendarDate() {
        assertThatThrownBy(() -> new Bounded(new Ongoing(), "sau khi …"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
            "Sắp tới",
            "Tháng 13/2024",
            "Quý V/2024",
            "Tháng 6/20",
            "Tháng 1/2024 (quý I/2024)",
            "Báo cáo định kỳ hàng tuần",
            "01 năm 5 lần",
            "01 năm 2 lần (03 tháng/lần)",
            "sau khi",
            "Năm 2024 (ghi chú)"
    })
    void throwsNamingTheTextItCannotRead(String text) {
        assertThatThrownBy(() -> TimelineReader.read(text, ONE_PRODUCT, PLAN_YEAR))
                .isInstanceOf(UnreadableTimelineException.class)
                .hasMessageContaining(text)
                .extracting(e -> ((UnreadableTimelineException) e).text()).isEqualTo(text);
    }

    @Test
    void throwsNamingTheUnreadablePieceOfALongerCell() {
        assertThatThrownBy(() -> TimelineReader.read(
                "- Kế hoạch (tháng 01/2024); - Báo cáo vào dịp thích hợp.", ONE_PRODUCT, PLAN_YEAR))
                .isInstanceOf(UnreadableTimelineException.class)
                .hasMessageContaining("Báo cáo vào dịp thích hợp");
    }

    @Test
    void throwsOnABlankCell() {
        assertThatThrownBy(() -> TimelineReader.read(" \n ", ONE_PRODUCT, PLAN_YEAR))
                .isInstanceOf(UnreadableTimelineException.class);
    }
}
