package org.planledger.query.console;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.planledger.query.console.PlanPages.Paging;

class PlanPagingTest {

    @Test
    void theSonLaPlanFitsOnOnePage() {
        assertThat(Paging.of(null, 81)).isEqualTo(new Paging(1, 1, 0, 81));
    }

    @Test
    void tenThousandActivitiesAreFortyPagesOfTwoHundredFifty() {
        assertThat(Paging.of("1", 10_000)).isEqualTo(new Paging(1, 40, 0, 250));
        assertThat(Paging.of("40", 10_000)).isEqualTo(new Paging(40, 40, 9_750, 10_000));
        assertThat(Paging.of("3", 501)).isEqualTo(new Paging(3, 3, 500, 501));
    }

    @Test
    void anUnreadableOrOutOfRangePageShowsTheNearestPage() {
        assertThat(Paging.of("abc", 600).number()).isEqualTo(1);
        assertThat(Paging.of("0", 600).number()).isEqualTo(1);
        assertThat(Paging.of("99", 600)).isEqualTo(new Paging(3, 3, 500, 600));
    }

    @Test
    void noMatchIsOneEmptyPage() {
        assertThat(Paging.of("2", 0)).isEqualTo(new Paging(1, 1, 0, 0));
    }
}
