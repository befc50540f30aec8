package org.planledger.shared.plan;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ProductItemsTest {

    @Test
    void bulletedCellGivesOneItemPerBullet() {
        assertThat(ProductItems.of("- Kế hoạch triển khai; - Quyết định quy định về tiêu chí; - Công văn hướng dẫn."))
                .containsExactly("Kế hoạch triển khai", "Quyết định quy định về tiêu chí", "Công văn hướng dẫn");
    }

    @Test
    void cellWithoutBulletsIsOneItem() {
        assertThat(ProductItems.of("Quyết định; báo cáo kết quả kiểm tra")).containsExactly("Quyết định; báo cáo kết quả kiểm tra");
    }

    @Test
    void dashesInsideAnItemAreKept() {
        assertThat(ProductItems.of("- Kế hoạch giai đoạn 2023 - 2030; - Báo cáo")).containsExactly("Kế hoạch giai đoạn 2023 - 2030", "Báo cáo");
    }

    @Test
    void splitsEveryProductsCellOfTheSonLaPlanAsTranscribed() {
        for (ActivityRow row : PlanDocuments.sonLa2024().activities()) {
            assertThat(ProductItems.of(row.products())).as(row.code() + " " + row.products()).isEqualTo(row.productItems());
        }
    }
}
