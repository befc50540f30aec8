package org.planledger.shared.plan;

import java.time.LocalDate;
import java.time.YearMonth;

/**
 * The decision the plan is attached to, as far as the printed appendix tells it. The appendix was
 * printed before the decision was numbered and dated, so {@code number} keeps only the printed
 * suffix ("/QĐ-UBND") and {@code date} is null; {@code issuedIn} is the month that was printed.
 *
 * @param asPrinted the reference line exactly as printed, blanks included
 */
public record PlanDecision(String number, LocalDate date, YearMonth issuedIn, String issuer, String asPrinted) {

    public PlanDecision {
        number = PlanText.nfc("number", number);
        issuer = PlanText.nfc("issuer", issuer);
        asPrinted = PlanText.nfc("asPrinted", asPrinted);
    }
}
