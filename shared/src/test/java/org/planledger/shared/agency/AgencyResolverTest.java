package org.planledger.shared.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.planledger.shared.plan.ActivityRow;
import org.planledger.shared.plan.PlanDocument;
import org.planledger.shared.plan.PlanDocuments;

class AgencyResolverTest {

    private final AgencyDirectory directory = AgencyDirectory.standard();
    private final AgencyResolver resolver = new AgencyResolver(directory);
    private final PlanDocument plan = PlanDocuments.sonLa2024();

    private List<String> ids(String cell) {
        return resolver.resolveCell(cell).stream().map(Agency::id).toList();
    }

    private List<String> lead(String code) {
        return ids(plan.activity(code).orElseThrow().lead());
    }

    private List<String> coordinators(String code) {
        return ids(plan.activity(code).orElseThrow().coordinators());
    }

    @Test
    void resolvesEveryLeadAndCoordinatingCellOfThePlan() {
        for (ActivityRow a : plan.activities()) {
            assertThat(resolver.resolveCell(a.lead())).as(a.code() + " lead: " + a.lead()).isNotEmpty();
            assertThat(resolver.resolveCell(a.coordinators())).as(a.code() + " coordinators: " + a.coordinators())
                    .isNotEmpty();
        }
    }

    @Test
    void readsSingleLeadsAndStandardCoordinators() {
        assertThat(lead("I.1")).containsExactly("so-noi-vu");
        assertThat(coordinators("I.1")).containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen");
        assertThat(coordinators("I.12")).containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen");
        assertThat(lead("I.2")).containsExactly("so-ke-hoach-va-dau-tu");
        assertThat(lead("IV.10")).containsExactly("so-lao-dong-thuong-binh-va-xa-hoi");
        assertThat(lead("VIII.2")).containsExactly("ban-quan-ly-cac-khu-cong-nghiep");
        assertThat(lead("VIII.3")).containsExactly("so-nong-nghiep-va-ptnt");
        assertThat(coordinators("I.9")).containsExactly("co-quan-lien-quan");
        assertThat(coordinators("I.16")).containsExactly("co-quan-lien-quan");
    }

    @Test
    void readsMixedCoordinatingCells() {
        assertThat(coordinators("I.13"))
                .containsExactly("hiep-hoi-doanh-nghiep-tinh", "cac-so-ban-nganh", "ubnd-cap-huyen");
        assertThat(coordinators("I.15")).containsExactly("so-tai-chinh", "so-thong-tin-va-truyen-thong");
        assertThat(coordinators("II.4"))
                .containsExactly("cac-so-ban-nganh", "van-phong-doan-dbqh-va-hdnd-tinh", "van-phong-ubnd-tinh");
        assertThat(coordinators("III.2")).containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen", "ubnd-cap-xa");
        assertThat(coordinators("III.5"))
                .containsExactly("van-phong-chinh-phu", "cac-so-ban-nganh", "co-quan-lien-quan");
        assertThat(coordinators("IV.4"))
                .containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen", "don-vi-su-nghiep-cong-lap");
        assertThat(coordinators("IV.8")).containsExactly("so-noi-vu", "ubnd-cap-huyen", "co-quan-lien-quan");
        assertThat(coordinators("V.7"))
                .containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen", "ubnd-cap-xa", "co-quan-lien-quan");
        assertThat(coordinators("VII.11")).containsExactly("co-quan-hanh-chinh-nha-nuoc", "don-vi-su-nghiep-cong-lap");
        assertThat(coordinators("VII.12")).containsExactly("van-phong-ubnd-tinh", "ubnd-cap-huyen");
    }

    @Test
    void groupLedActivitiesResolveToGroups() {
        assertThat(lead("III.6")).containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen", "ubnd-cap-xa");
        assertThat(lead("VII.5")).containsExactly("van-phong-ubnd-tinh", "cac-so-ban-nganh", "ubnd-cap-huyen");
        assertThat(lead("VII.10")).containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen");
        assertThat(lead("VII.15")).containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen", "ubnd-cap-xa");
        // the column layout puts these leads on groups as well
        assertThat(lead("III.3")).containsExactly("cac-so-ban-nganh");
        assertThat(lead("III.7")).containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen", "ubnd-cap-xa");
        assertThat(lead("VII.9")).containsExactly("cac-so-ban-nganh", "ubnd-cap-huyen");
        assertThat(lead("VII.14")).containsExactly("cac-so-ban-nganh");
    }

    @Test
    void cutsAtVaOnlyBetweenKnownNames() {
        assertThat(ids("Sở Nông nghiệp và Phát triển nông thôn")).containsExactly("so-nong-nghiep-va-ptnt");
        assertThat(ids("Sở Tư pháp và Sở Y tế")).containsExactly("so-tu-phap", "so-y-te");
        assertThat(ids("Sở Kế hoạch và Đầu tư, Sở Văn hóa, Thể thao và Du lịch"))
                .containsExactly("so-ke-hoach-va-dau-tu", "so-van-hoa-the-thao-va-du-lich");
    }

    @Test
    void listsEachAgencyOnceInPrintedOrder() {
        assertThat(ids("Sở Y tế; Sở Nội vụ; Sở Y tế.")).containsExactly("so-y-te", "so-noi-vu");
    }

    @Test
    void anEmptyCellNamesNoAgency() {
        assertThat(resolver.resolveCell("")).isEmpty();
        assertThat(resolver.resolveCell("  ")).isEmpty();
    }

    @Test
    void rejectsUnknownTextNamingExactlyThatText() {
        UnresolvedAgencyException e = catchThrowableOfType(
                () -> resolver.resolveCell("Sở Nội vụ; Sở Ma thuật"), UnresolvedAgencyException.class);
        assertThat(e.getUnresolved()).isEqualTo("Sở Ma thuật");
        assertThat(e.getCellText()).isEqualTo("Sở Nội vụ; Sở Ma thuật");
        assertThat(e).hasMessageContaining("Sở Ma thuật");
    }

    @Test
    void reportsEveryUnknownPiece() {
        UnresolvedAgencyException e = catchThrowableOfType(
                () -> resolver.resolveCell("Ban Bí mật, Sở Tư pháp; Hội Ẩn danh"), UnresolvedAgencyException.class);
        assertThat(e.getUnresolvedParts()).containsExactly("Ban Bí mật", "Hội Ẩn danh");
    }

    @ParameterizedTest
    @ValueSource(strings = {"Sở Kế hoạch", "Các sở, ban", "UBND các huyện", "Sở Nội"})
    void rejectsPartsOfNamesWithoutGuessing(String text) {
        assertThatThrownBy(() -> resolver.resolveCell(text))
                .isInstanceOf(UnresolvedAgencyException.class)
                .satisfies(e -> assertThat(((UnresolvedAgencyException) e).getUnresolved()).isEqualTo(text));
    }
}
