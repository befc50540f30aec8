package org.planledger.shared.api;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.LocalDate;

/** A legal document cited as the basis of a change: its number (e.g. "1234/QĐ-UBND") and date of signature. */
public record DocumentRef(String number, LocalDate date) {

    @JsonIgnore
    public boolean isPresent() {
        return number != null && !number.isBlank();
    }
}
