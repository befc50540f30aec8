package org.planledger.shared.plan;

/**
 * A roman-numbered section of the plan.
 *
 * @param title        the printed wording in sentence case ("Cải cách thể chế")
 * @param printedTitle the heading exactly as printed, in capitals ("CẢI CÁCH THỂ CHẾ")
 */
public record PlanSection(String code, String title, String printedTitle) {

    public PlanSection {
        code = PlanText.nfc("code", code);
        title = PlanText.nfc("title", title);
        printedTitle = PlanText.nfc("printedTitle", printedTitle);
    }
}
