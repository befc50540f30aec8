package org.planledger.command.support;

import java.util.List;
import java.util.Set;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyDirectory;
import org.planledger.shared.api.AgencyRef;
import org.planledger.shared.api.ErrorCode;
import org.planledger.shared.api.LedgerException;
import org.springframework.stereotype.Component;

/** Resolves what a client wrote (a directory id or any known name or spelling) to a directory agency. */
@Component
public class Agencies {

    private final AgencyDirectory directory = AgencyDirectory.standard();

    public AgencyRef resolve(String field, String text) {
        Agency agency = directory.find(text == null ? "" : text).orElseThrow(() -> new LedgerException(
                ErrorCode.UNKNOWN_AGENCY, field, "agency-known",
                "'" + text + "' is not an agency, group or spelling of the directory (GET /api/agencies lists them)"));
        return new AgencyRef(agency.id(), agency.name());
    }

    public List<AgencyRef> resolveAll(String field, List<String> texts) {
        if (texts == null) {
            return List.of();
        }
        return java.util.stream.IntStream.range(0, texts.size())
                .mapToObj(i -> resolve(field + "[" + i + "]", texts.get(i))).toList();
    }

    public Set<String> groupsOf(String agencyId) {
        return directory.groupIdsContaining(agencyId);
    }
}
