package org.planledger.shared.plan;

import java.util.List;

/**
 * One row of the plan table, cell by cell as printed (PDF line wraps joined with one space).
 * {@code number} is the printed STT and {@code code} is "section.number" ("I.15"); printed numbers
 * are kept even where the source skips one (section I has no 14). An empty cell is "".
 *
 * @param productItems the products cell split into its bullet items; a cell without bullets is one item
 */
public record ActivityRow(
        String section,
        String number,
        String code,
        String title,
        String products,
        List<String> productItems,
        String lead,
        String coordinators,
        String timeline,
        String notes) {

    public ActivityRow {
        section = PlanText.nfc("section", section);
        number = PlanText.nfc("number", number);
        code = PlanText.nfc("code", code);
        title = PlanText.nfc("title", title);
        products = PlanText.nfc("products", products);
        productItems = PlanText.nfc("productItems", productItems);
        lead = PlanText.nfc("lead", lead);
        coordinators = PlanText.nfc("coordinators", coordinators);
        timeline = PlanText.nfc("timeline", timeline);
        notes = PlanText.nfc("notes", notes);
        if (!code.equals(section + "." + number)) {
            throw new IllegalArgumentException("activity code " + code + " does not match " + section + "." + number);
        }
    }
}
