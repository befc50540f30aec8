package org.planledger.command.importing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.planledger.command.importing.AmendmentTable.Mark;

class AmendmentTableTest {

    @Test
    void aMarkIsReadInAnyCaseWithOrWithoutDiacriticsOrInEnglish() {
        for (String added : List.of("bổ sung", "Bổ sung", "BỔ SUNG", "bo sung", "Bo  Sung", "added", "ADDED")) {
            assertThat(AmendmentTable.mark(added)).as(added).contains(Mark.ADDED);
        }
        for (String changed : List.of("điều chỉnh", "Điều chỉnh", "ĐIỀU CHỈNH", "dieu chinh", "changed")) {
            assertThat(AmendmentTable.mark(changed)).as(changed).contains(Mark.CHANGED);
        }
        for (String withdrawn : List.of("bãi bỏ", "Bãi Bỏ", "bai bo", "Withdrawn")) {
            assertThat(AmendmentTable.mark(withdrawn)).as(withdrawn).contains(Mark.WITHDRAWN);
        }
        assertThat(AmendmentTable.mark("sửa")).isEmpty();
        assertThat(AmendmentTable.mark("bổ sung thêm")).isEmpty();
    }

    @Test
    void markedRowsTakeTheirCodeFromTheSectionAndUnmarkedRowsAreSkipped() throws IOException {
        AmendmentTable.Parsed parsed = csv("""
                STT,Danh mục các hoạt động,Kết quả/Sản phẩm,Chủ trì,Phối hợp,Thời gian,Ghi chú,Điều chỉnh
                I,CÔNG TÁC CHỈ ĐẠO,,,,,,
                1,Hoạt động không đổi,,Sở Nội vụ,,Năm 2024,,
                2,Hoạt động mới,Hội nghị,Sở Nội vụ,,Quý III/2024,,bổ sung
                II,CẢI CÁCH THỂ CHẾ,,,,,,
                03,"Rà soát
                văn bản",,,,,không còn phù hợp,bãi bỏ
                """);
        assertThat(parsed.errors()).isEmpty();
        assertThat(parsed.rows()).extracting(r -> r.row() + " " + r.code() + " " + r.mark() + " " + r.title())
                .containsExactly("4 I.2 ADDED Hoạt động mới", "6 II.3 WITHDRAWN Rà soát văn bản");
        assertThat(parsed.rows().get(1).notes()).isEqualTo("không còn phù hợp");
    }

    @Test
    void anUnknownMarkAMarkBeforeAnySectionAndACodeMarkedTwiceAreRowErrors() throws IOException {
        AmendmentTable.Parsed parsed = csv("""
                1,Trước mục,,,,,,bổ sung
                I,CÔNG TÁC CHỈ ĐẠO,,,,,,
                1,Hoạt động,,,,,,sửa
                2,Hoạt động,,,,,,bãi bỏ
                2,Hoạt động,,,,,,điều chỉnh
                """);
        assertThat(parsed.errors()).extracting(e -> e.row() + " " + e.column() + " " + e.rule())
                .containsExactly("1 STT section-first", "3 Điều chỉnh mark-known", "5 STT code-once");
        assertThat(parsed.rows()).extracting(AmendmentTable.MarkedRow::code).containsExactly("I.2");
    }

    private static AmendmentTable.Parsed csv(String text) throws IOException {
        return AmendmentTable.csv(new ByteArrayInputStream(text.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    }
}
