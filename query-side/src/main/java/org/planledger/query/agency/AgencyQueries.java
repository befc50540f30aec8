package org.planledger.query.agency;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.planledger.shared.agency.Agency;
import org.planledger.shared.agency.AgencyDirectory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The agency directory: ids, names, abbreviations, known spellings, groups and their members. */
@RestController
@Tag(name = "Agencies")
public class AgencyQueries {

    @GetMapping("/api/agencies")
    @Operation(summary = "Every agency and group of the directory")
    public List<Agency> agencies() {
        return AgencyDirectory.standard().all();
    }
}
