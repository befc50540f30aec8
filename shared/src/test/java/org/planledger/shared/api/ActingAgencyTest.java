package org.planledger.shared.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.planledger.shared.agency.AgencyDirectory;

class ActingAgencyTest {

    @Test
    void anAgencyIsAmongTheParticipantsDirectlyOrThroughAGroupItBelongsTo() {
        AgencyDirectory directory = AgencyDirectory.standard();
        ActingAgency tuPhap = new ActingAgency("so-tu-phap", directory.groupIdsContaining("so-tu-phap"));
        assertThat(tuPhap.isAmong(List.of("so-tu-phap"))).isTrue();
        assertThat(tuPhap.isAmong(List.of("so-noi-vu", "cac-so-ban-nganh"))).isTrue();
        assertThat(tuPhap.isAmong(List.of("so-noi-vu", "ubnd-cap-huyen"))).isFalse();
        assertThat(tuPhap.isAmong(List.of())).isFalse();
    }

    @Test
    void withoutGroupsOnlyTheAgencyItselfCounts() {
        assertThat(new ActingAgency("so-y-te", null).isAmong(List.of("cac-so-ban-nganh"))).isFalse();
        assertThat(new ActingAgency("so-y-te", Set.of()).isAmong(List.of("so-y-te"))).isTrue();
    }
}
