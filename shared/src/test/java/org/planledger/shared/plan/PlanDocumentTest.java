package org.planledger.shared.plan;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.time.YearMonth;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class PlanDocumentTest {

    private final PlanDocument plan = PlanDocuments.sonLa2024();

    @Test
    void holdsEightyOneActivitiesWithThePrintedCountPerSection() {
        Map<String, Integer> expected = new LinkedHashMap<>();
        expected.put("I", 16);
        expected.put("II", 6);
        expected.put("III", 8);
        expected.put("IV", 14);
        expected.put("V", 7);
        expected.put("VI", 9);
        expected.put("VII", 15);
        expected.put("VIII", 6);
        assertThat(plan.sections()).extracting(PlanSection::code).containsExactlyElementsOf(expected.keySet());
        expected.forEach((section, count) -> assertThat(plan.activitiesIn(section)).as(section).hasSize(count));
        assertThat(plan.activities()).hasSize(81);
    }

    @Test
    void codesAreUniqueAndFollowThePrintedNumbers() {
        Set<String> codes = new HashSet<>();
        plan.activities().forEach(a -> assertThat(codes.add(a.code())).as(a.code()).isTrue());
        for (PlanSection section : plan.sections()) {
            List<String> numbers = plan.activitiesIn(section.code()).stream().map(ActivityRow::number).toList();
            List<String> consecutive = Stream.iterate(1, i -> i + 1).limit(numbers.size()).map(String::valueOf).toList();
            if (section.code().equals("I")) {
                assertThat(numbers).containsExactly(
                        "1", "2", "3", "4", "5", "6", "7", "8", "9", "10", "11", "12", "13", "15", "16", "17");
            } else {
                assertThat(numbers).as(section.code()).isEqualTo(consecutive);
            }
        }
    }

    @Test
    void sectionIHasNoActivityFourteen() {
        assertThat(plan.activity("I.14")).isEmpty();
        assertThat(plan.activity("I.13")).isPresent();
        assertThat(plan.activity("I.15")).isPresent();
    }

    @Test
    void everyActivityHasTheCellsTheSourcePrints() {
        for (ActivityRow a : plan.activities()) {
            assertThat(List.of(a.title(), a.products(), a.lead(), a.coordinators(), a.timeline()))
                    .as(a.code()).allSatisfy(cell -> assertThat(cell).isNotBlank());
            assertThat(a.notes()).as(a.code() + " notes").isEmpty();
        }
    }

    @Test
    void cellsAreNfcWithWrapsJoinedBySingleSpaces() {
        for (ActivityRow a : plan.activities()) {
            for (String cell : List.of(a.title(), a.products(), a.lead(), a.coordinators(), a.timeline())) {
                assertThat(Normalizer.isNormalized(cell, Normalizer.Form.NFC)).as(a.code() + ": " + cell).isTrue();
                assertThat(cell).as(a.code()).isEqualTo(cell.strip()).doesNotContain("  ", "\n", "\t");
            }
        }
        assertThat(Normalizer.isNormalized(plan.title(), Normalizer.Form.NFC)).isTrue();
    }

    @Test
    void productItemsAreTheBulletsOfTheProductsCell() {
        for (ActivityRow a : plan.activities()) {
            assertThat(a.productItems()).as(a.code()).isNotEmpty().allSatisfy(item -> {
                assertThat(a.products()).contains(item);
                assertThat(item).doesNotStartWith("-").doesNotEndWith(";").doesNotEndWith(".").isEqualTo(item.strip());
            });
            long bullets = a.products().startsWith("- ") ? a.products().split("(^|\\s)-\\s").length - 1 : 1;
            assertThat(a.productItems()).as(a.code()).hasSize((int) bullets);
        }
        assertThat(plan.activity("I.1").orElseThrow().productItems())
                .containsExactly("Kế hoạch triển khai", "Quyết định quy định về tiêu chí", "Công văn hướng dẫn");
        // a cell printed without bullets stays one item, even when it lists several documents
        assertThat(plan.activity("I.5").orElseThrow().productItems()).containsExactly(
                "Quyết định; báo cáo kết quả kiểm tra; văn bản chấn chỉnh của Chủ tịch UBND tỉnh");
        assertThat(plan.activity("IV.13").orElseThrow().productItems()).containsExactly(
                "Kế hoạch thực hiện", "Phiếu khảo sát, đánh giá mức độ hài lòng", "Báo cáo kết quả thực hiện");
    }

    @Test
    void keepsTheAppendixTitleAndTheUnnumberedDecision() {
        assertThat(plan.planId()).isEqualTo("sonla-cchc-2024");
        assertThat(plan.year()).isEqualTo(2024);
        assertThat(plan.title()).isEqualTo(
                "DANH MỤC CÁC HOẠT ĐỘNG TRIỂN KHAI KẾ HOẠCH CẢI CÁCH HÀNH CHÍNH NHÀ NƯỚC TỈNH SƠN LA NĂM 2024");
        assertThat(plan.decision().number()).isEqualTo("/QĐ-UBND");
        assertThat(plan.decision().date()).isNull();
        assertThat(plan.decision().issuedIn()).isEqualTo(YearMonth.of(2023, 12));
        assertThat(plan.decision().asPrinted()).startsWith("(Kèm theo Quyết định số ").contains("/QĐ-UBND ngày ")
                .endsWith("tháng 12 năm 2023 của Chủ tịch UBND tỉnh)");
    }

    @Test
    void sectionTitlesAreThePrintedHeadings() {
        assertThat(plan.sections()).extracting(PlanSection::title).containsExactly(
                "Công tác chỉ đạo điều hành CCHC",
                "Cải cách thể chế",
                "Cải cách thủ tục hành chính",
                "Cải cách tổ chức bộ máy hành chính nhà nước",
                "Cải cách chế độ công vụ",
                "Cải cách tài chính công",
                "Xây dựng và phát triển chính quyền điện tử, chính quyền số",
                "Tác động của CCHC đến phát triển kinh tế - xã hội");
        plan.sections().forEach(s -> assertThat(s.printedTitle()).isEqualTo(s.title().toUpperCase(java.util.Locale.ROOT)));
    }

    @Test
    void rejectsARowWhoseCodeDisagreesWithItsNumber() {
        assertThatThrownBy(() -> new ActivityRow("I", "14", "I.15", "t", "p", List.of("p"), "l", "c", "t", ""))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("I.15");
    }

    @Test
    void normalisesDecomposedTextToNfc() {
        String decomposed = Normalizer.normalize("Sở Nội vụ", Normalizer.Form.NFD);
        ActivityRow row = new ActivityRow("I", "1", "I.1", "t", "p", List.of("p"), decomposed, "c", "t", "");
        assertThat(row.lead()).isEqualTo("Sở Nội vụ");
    }

    /** Cells copied from the source text (wraps joined), chosen where columns interleave or text is odd. */
    static Stream<Arguments> sampledCells() {
        Function<ActivityRow, String> title = ActivityRow::title;
        Function<ActivityRow, String> products = ActivityRow::products;
        Function<ActivityRow, String> lead = ActivityRow::lead;
        Function<ActivityRow, String> coordinators = ActivityRow::coordinators;
        Function<ActivityRow, String> timeline = ActivityRow::timeline;
        return Stream.of(
                Arguments.of("I.1", "timeline", timeline,
                        "- Kế hoạch (Tháng 7/2024) Quyết định (tháng 9/2024); - Công văn hướng dẫn (quý IV/2024)."),
                // I.5: products and coordinators continue after the timeline has started, across a page break
                Arguments.of("I.5", "products", products,
                        "Quyết định; báo cáo kết quả kiểm tra; văn bản chấn chỉnh của Chủ tịch UBND tỉnh"),
                Arguments.of("I.5", "coordinators", coordinators, "Các sở, ban, ngành, UBND các huyện, thành phố"),
                Arguments.of("I.5", "timeline", timeline,
                        "- Quyết định (tháng 02/2024); - Báo cáo; Văn bản chấn chỉnh (tháng 11/2024)."),
                Arguments.of("I.10", "title", title, "Báo cáo kết quả Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2023; "
                        + "nhiệm vụ, giải pháp nâng caonâng cao Chỉ số năng lực cạnh tranh cấp tỉnh (PCI) năm 2024"),
                Arguments.of("I.11", "timeline", timeline, "Báo cáo sau khi Trung tâm Bồi dưỡng cán bộ và nghiên khoa học "
                        + "MTTQ VN; tổ chức UNDP tổ chức Hội nghị công bố"),
                Arguments.of("I.13", "coordinators", coordinators,
                        "Hiệp hội doanh nghiệp tỉnh; các sở, ban, ngành; UBND các huyện, thành phố"),
                Arguments.of("I.16", "coordinators", coordinators, "- Các cơ quan, đơn vị có liên quan"),
                Arguments.of("II.4", "coordinators", coordinators,
                        "Các sở, ban, ngành tham mưu xây dựng văn bản, Văn phòng HĐND, UBND tỉnh"),
                Arguments.of("II.6", "timeline", timeline,
                        "- Ban hành, Kế hoạch (tháng 1 năm 2024); - Báo cáo (quí IV/2024)."),
                Arguments.of("III.3", "lead", lead, "Các sở, ban, ngành"),
                Arguments.of("III.4", "timeline", timeline, "5 ngày làm việc kể từ ngày nhận hồ sơ hợp lệ"),
                Arguments.of("IV.5", "products", products, "Hồ sơ, đề án"),
                Arguments.of("IV.8", "title", title, "Đề án chuyển Trung tâm Y tế cấp huyện trực thuộc Sở Y tế đến trực "
                        + "thuộc Ủy ban nhân dân cấp huyện (các huyện, thành phố)” theo Nghị quyết số 99/2023/QH15 ngày "
                        + "24/6/2023 của Ủy ban Thường vụ Quốc hội"),
                Arguments.of("IV.10", "lead", lead, "Sở Lao động - Thương binh và xã hội"),
                Arguments.of("IV.10", "timeline", timeline, "Tháng7/2024"),
                Arguments.of("IV.13", "products", products, "- Kế hoạch thực hiện; - Phiếu khảo sát, đánh giá mức độ "
                        + "hài lòng; - Báo cáo kết quả thực hiện"),
                // V.5: the title continues after lead, coordinators and timeline have begun
                Arguments.of("V.5", "title", title, "Dự thảo Quyết định ban hành Quy định về đánh giá, xếp loại mức độ "
                        + "hoàn thành nhiệm vụ của các sở, ban, ngành; Ủy ban nhân dân các huyện, thành phố; các đơn vị sự "
                        + "nghiệp công lập trực thuộc Uỷ ban nhân dân tỉnh và các hội có tính chất đặc thù trên địa bàn "
                        + "tỉnh Sơn La"),
                Arguments.of("V.5", "coordinators", coordinators,
                        "Các sở, ban ngành; UBND các huyện, thành phố; UBND các xã, phường, thị trấn."),
                Arguments.of("VI.1", "timeline", timeline, "- Tháng 01/2024 (sau khi có chương trình thực hành tiết kiệm, "
                        + "chống lãnh phí của Chính phủ ban hành); - Báo cáo kết quả theo quy định."),
                Arguments.of("VI.8", "title", title, "Chỉ thị của Chủ tịch UBND tỉnh về tăng cường công tác quản lý, chỉ "
                        + "đạo, điều hành bình ổn giá cả thị trường, bảo đảm trật tự án toàn xã hội dịp Tết nguyên đán năm 2025"),
                // VII.2: the first printed line holds pieces of all six columns
                Arguments.of("VII.2", "title", title, "Quyết định phê duyệt kết quả đánh giá, xếp hạng chỉ số chuyển đổi số "
                        + "của các cơ quan nhà nước trên địa bàn tỉnh năm 2024"),
                Arguments.of("VII.2", "products", products, "- Quyết định của UBND tỉnh; - Báo cáo kết quả theo quy định."),
                Arguments.of("VII.5", "lead", lead, "Văn phòng UBND tỉnh, các sở, ban, ngàn; UBND các huyện, thành phố,"),
                // VII.9: lead, coordinators and timeline interleave
                Arguments.of("VII.9", "lead", lead, "Các sở, ban, ngành; UBND các huyện, thành phố"),
                Arguments.of("VII.9", "coordinators", coordinators, "Văn phòng UBND tỉnh; Sở Thông tin và Truyền thông"),
                Arguments.of("VII.9", "timeline", timeline,
                        "- Kế hoạch tháng 01/2024 - Báo cáo kết quả định kỳ trước ngày 15 của quý/6 tháng/năm"),
                Arguments.of("VII.10", "lead", lead, "Các sở, ban, ngành; UBND các huyện, thành phố cung cấp DVCTT"),
                Arguments.of("VII.15", "title", title, "Tổ chức triển khai quy trình số hóa kết quả giải quyết TTHC đang còn "
                        + "hiệu lực và có giá trị sử dụng thuộc thẩm quyền giải quyết của cấp tỉnh, cấp huyện, cấp xã đạt tỷ "
                        + "lệ tối thiểu tương ứng là 100%, 80%, 75% để đảm bảo việc kết nối, chia sẻ dữ liệu trong giải "
                        + "quyết TTHC trên môi trường điện tử theo quy định"),
                Arguments.of("VII.15", "lead", lead, "Sở, ban, ngành tỉnh; UBND cấp huyện; UBND cấp xã"),
                Arguments.of("VIII.3", "lead", lead, "Sở nông nghiệp và PTNT"),
                Arguments.of("VIII.3", "timeline", timeline, "Qúy IV/2024"),
                Arguments.of("VIII.2", "products", products, "- Báo cáo định kỳ theo quy định; - Giấy chứng nhận đăng ký "
                        + "đầu tư đối với các Dự án đầu tư trong Khu công nghiệp."));
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("sampledCells")
    void cellMatchesTheSourceText(String code, String column, Function<ActivityRow, String> cell, String expected) {
        assertThat(cell.apply(plan.activity(code).orElseThrow())).isEqualTo(expected);
    }
}
