package org.planledger.shared.agency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AgencyDirectoryTest {

    private static final List<String> DISTRICTS = List.of(
            "ubnd-thanh-pho-son-la", "ubnd-huyen-quynh-nhai", "ubnd-huyen-muong-la", "ubnd-huyen-thuan-chau",
            "ubnd-huyen-phu-yen", "ubnd-huyen-bac-yen", "ubnd-huyen-mai-son", "ubnd-huyen-song-ma",
            "ubnd-huyen-yen-chau", "ubnd-huyen-moc-chau", "ubnd-huyen-sop-cop", "ubnd-huyen-van-ho");

    private final AgencyDirectory directory = AgencyDirectory.standard();

    @Test
    void idsAreUniqueLowercaseAscii() {
        List<String> ids = directory.all().stream().map(Agency::id).toList();
        assertThat(ids).doesNotHaveDuplicates().allMatch(id -> id.matches("[a-z0-9]+(-[a-z0-9]+)*"));
    }

    @Test
    void everyNameAbbreviationAndSpellingNamesExactlyOneAgency() {
        Map<String, Set<String>> owners = new HashMap<>();
        for (Agency agency : directory.all()) {
            List<String> names = new ArrayList<>(agency.spellings());
            names.add(agency.name());
            names.add(agency.id());
            if (!agency.abbreviation().isEmpty()) {
                names.add(agency.abbreviation());
            }
            for (String name : names) {
                owners.computeIfAbsent(AgencyNames.key(name), k -> new HashSet<>()).add(agency.id());
                assertThat(directory.find(name)).as(name).map(Agency::id).contains(agency.id());
            }
        }
        assertThat(owners).allSatisfy((key, ids) -> assertThat(ids).as(key).hasSize(1));
    }

    @Test
    void namesAndSpellingsAreNfc() {
        for (Agency agency : directory.all()) {
            List<String> texts = new ArrayList<>(agency.spellings());
            texts.add(agency.name());
            texts.add(agency.abbreviation());
            texts.forEach(t -> assertThat(Normalizer.isNormalized(t, Normalizer.Form.NFC)).as(t).isTrue());
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource(delimiter = '|', textBlock = """
            Sở nông nghiệp và PTNT                  | so-nong-nghiep-va-ptnt
            Sở Nông nghiệp và Phát triển nông thôn  | so-nong-nghiep-va-ptnt
            Sở NN&PTNT                              | so-nong-nghiep-va-ptnt
            SỞ NỘI VỤ                               | so-noi-vu
            SởNội vụ                                | so-noi-vu
            Sở   Nội  vụ                            | so-noi-vu
            so-tu-phap                              | so-tu-phap
            Sở Kế hoạch và Đầu tư                   | so-ke-hoach-va-dau-tu
            Sở KH&ĐT                                | so-ke-hoach-va-dau-tu
            Sở Lao động - Thương binh và xã hội     | so-lao-dong-thuong-binh-va-xa-hoi
            Sở Lao động thương binh và xã hội       | so-lao-dong-thuong-binh-va-xa-hoi
            Sở Văn hoá, Thể thao và Du lịch         | so-van-hoa-the-thao-va-du-lich
            Văn phòng UBND tỉnh                     | van-phong-ubnd-tinh
            Uỷ ban nhân dân tỉnh                    | ubnd-tinh
            Ban Quản lý các khu công nghiệp         | ban-quan-ly-cac-khu-cong-nghiep
            Các sở, ban, ngành                      | cac-so-ban-nganh
            Các sở, ban, ngàn                       | cac-so-ban-nganh
            Sở, ban, ngành tỉnh                     | cac-so-ban-nganh
            UBND các huyện thành phố                | ubnd-cap-huyen
            UBND cấp huyện                          | ubnd-cap-huyen
            UBND cấp xã                             | ubnd-cap-xa
            Các cơ quan, đơn vị có liên quan        | co-quan-lien-quan
            - Các cơ quan, đơn vị có liên quan      | co-quan-lien-quan
            UBND huyện Mộc Châu                     | ubnd-huyen-moc-chau
            Ủy ban nhân dân thành phố Sơn La        | ubnd-thanh-pho-son-la
            Hiệp hội doanh nghiệp tỉnh              | hiep-hoi-doanh-nghiep-tinh
            Văn phòng Chính phủ                     | van-phong-chinh-phu
            Bộ Khoa học công nghệ                   | bo-khoa-hoc-va-cong-nghe
            VCCI                                    | vcci
            tổ chức UNDP                            | undp
            """)
    void findsBySpellingIdOrAbbreviation(String text, String id) {
        assertThat(directory.find(text)).map(Agency::id).contains(id);
    }

    @Test
    void findsDecomposedInput() {
        String nfd = Normalizer.normalize("Sở Thông tin và Truyền thông", Normalizer.Form.NFD);
        assertThat(directory.find(nfd)).map(Agency::id).contains("so-thong-tin-va-truyen-thong");
    }

    @Test
    void doesNotGuessBeyondKnownSpellings() {
        assertThat(directory.find("Sở Nội")).isEmpty();
        assertThat(directory.find("Sở Kế hoạch")).isEmpty();
        assertThat(directory.find("Sở Nội vụ và Sở Tư pháp")).isEmpty();
        assertThat(directory.find("")).isEmpty();
        assertThat(directory.find(null)).isEmpty();
    }

    @Test
    void getRejectsAnUnknownIdNamingIt() {
        assertThat(directory.get("so-y-te").name()).isEqualTo("Sở Y tế");
        assertThatThrownBy(() -> directory.get("so-ma-thuat"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("so-ma-thuat");
    }

    @Test
    void membersAndGroupsComeInTheDirectorysOrderInEveryProcess() {
        // read models store what follows from this order; a hash-ordered set would differ from one JVM to the next
        for (String group : List.of("cac-so-ban-nganh", "ubnd-cap-huyen", "co-quan-hanh-chinh-nha-nuoc")) {
            List<String> expected = new java.util.ArrayList<>();
            addMembersInOrder(directory.get(group), expected);
            assertThat(List.copyOf(directory.memberIdsOf(group))).as(group).isEqualTo(expected);
        }
        assertThat(List.copyOf(directory.groupIdsContaining("so-noi-vu"))).isEqualTo(directory.all().stream()
                .filter(a -> a.isGroup() && directory.memberIdsOf(a.id()).contains("so-noi-vu")).map(Agency::id).toList());
    }

    private void addMembersInOrder(Agency group, List<String> into) {
        for (String member : group.members()) {
            if (!into.contains(member)) {
                into.add(member);
            }
            addMembersInOrder(directory.get(member), into);
        }
    }

    @Test
    void districtGroupHoldsTheTwelveDistrictCommittees() {
        assertThat(directory.memberIdsOf("ubnd-cap-huyen")).containsExactlyInAnyOrderElementsOf(DISTRICTS);
        assertThat(directory.all().stream().filter(a -> a.kind() == AgencyKind.DISTRICT_COMMITTEE).map(Agency::id))
                .containsExactlyInAnyOrderElementsOf(DISTRICTS);
        assertThat(directory.get("ubnd-huyen-moc-chau").name()).isEqualTo("Ủy ban nhân dân huyện Mộc Châu");
    }

    @Test
    void departmentsGroupHoldsEveryProvincialDepartmentAndBoard() {
        List<String> departments = directory.all().stream()
                .filter(a -> a.kind() == AgencyKind.PROVINCIAL_DEPARTMENT).map(Agency::id).toList();
        assertThat(directory.memberIdsOf("cac-so-ban-nganh")).containsExactlyInAnyOrderElementsOf(departments);
        assertThat(departments).contains(
                "so-noi-vu", "so-tu-phap", "so-ke-hoach-va-dau-tu", "so-tai-chinh", "so-cong-thuong",
                "so-nong-nghiep-va-ptnt", "so-giao-thong-van-tai", "so-xay-dung", "so-tai-nguyen-va-moi-truong",
                "so-thong-tin-va-truyen-thong", "so-lao-dong-thuong-binh-va-xa-hoi", "so-van-hoa-the-thao-va-du-lich",
                "so-khoa-hoc-va-cong-nghe", "so-giao-duc-va-dao-tao", "so-y-te", "so-ngoai-vu", "ban-dan-toc",
                "thanh-tra-tinh", "van-phong-ubnd-tinh", "ban-quan-ly-cac-khu-cong-nghiep");
    }

    @Test
    void vagueGroupsHaveNoEnumeratedMembers() {
        for (String id : List.of("ubnd-cap-xa", "co-quan-lien-quan", "don-vi-su-nghiep-cong-lap")) {
            assertThat(directory.get(id).isGroup()).as(id).isTrue();
            assertThat(directory.memberIdsOf(id)).as(id).isEmpty();
        }
    }

    @Test
    void membershipIsTransitive() {
        Set<String> members = directory.memberIdsOf("co-quan-hanh-chinh-nha-nuoc");
        assertThat(members).contains("cac-so-ban-nganh", "so-noi-vu", "ubnd-cap-huyen", "ubnd-huyen-van-ho",
                "ubnd-cap-xa");
        assertThat(directory.memberIdsOf("so-noi-vu")).isEmpty();
        assertThat(directory.groupIdsContaining("so-noi-vu")).containsExactlyInAnyOrder(
                "cac-so-ban-nganh", "co-quan-hanh-chinh-nha-nuoc", "co-quan-dia-phuong-don-vi");
        assertThat(directory.groupIdsContaining("ubnd-huyen-sop-cop")).contains("ubnd-cap-huyen");
        assertThat(directory.groupIdsContaining("bo-y-te")).isEmpty();
    }

    @Test
    void onlyGroupsHaveMembersAndEveryMemberExists() {
        for (Agency agency : directory.all()) {
            if (!agency.isGroup()) {
                assertThat(agency.members()).as(agency.id()).isEmpty();
            }
            agency.members().forEach(m -> assertThat(directory.get(m)).isNotNull());
        }
    }

    @Test
    void holdsTheOutsideBodiesTheSourceNames() {
        assertThat(directory.all()).filteredOn(a -> a.kind() == AgencyKind.EXTERNAL).extracting(Agency::id)
                .contains("bo-y-te", "bo-noi-vu", "bo-khoa-hoc-va-cong-nghe", "bo-giao-duc-va-dao-tao",
                        "van-phong-chinh-phu", "vcci", "undp", "hiep-hoi-doanh-nghiep-tinh",
                        "trung-tam-boi-duong-can-bo-va-nckh-mttq-vn", "ban-chi-dao-cchc-chinh-phu");
    }

    @Test
    void rejectsASpellingClaimedByTwoAgencies() {
        Agency a = new Agency("a", "Sở A", "", AgencyKind.PROVINCIAL_DEPARTMENT, List.of("Sở chung"), List.of());
        Agency b = new Agency("b", "Sở B", "", AgencyKind.PROVINCIAL_DEPARTMENT, List.of("sở  CHUNG"), List.of());
        assertThatThrownBy(() -> new AgencyDirectory(List.of(a, b), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("would name both a and b");
    }

    @Test
    void rejectsAMembershipCycle() {
        Agency a = new Agency("a", "Nhóm A", "", AgencyKind.GROUP, List.of(), List.of("b"));
        Agency b = new Agency("b", "Nhóm B", "", AgencyKind.GROUP, List.of(), List.of("a"));
        assertThatThrownBy(() -> new AgencyDirectory(List.of(a, b), List.of()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("cycle");
    }
}
