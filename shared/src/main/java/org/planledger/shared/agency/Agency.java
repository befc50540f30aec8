package org.planledger.shared.agency;

import java.text.Normalizer;
import java.util.List;
import java.util.Objects;

/**
 * A canonical agency or group of agencies.
 *
 * @param id           stable lowercase ascii id ("so-noi-vu")
 * @param abbreviation the usual short form, "" when there is none
 * @param spellings    other ways the agency is written, including every variant found in the plan
 * @param members      ids of the direct members of a group; empty for everything else
 */
public record Agency(
        String id,
        String name,
        String abbreviation,
        AgencyKind kind,
        List<String> spellings,
        List<String> members) {

    public Agency {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(kind, () -> "kind of " + id);
        if (!id.matches("[a-z0-9]+(-[a-z0-9]+)*")) {
            throw new IllegalArgumentException("agency id must be lowercase ascii words joined by '-': " + id);
        }
        name = nfc(Objects.requireNonNull(name, () -> "name of " + id));
        abbreviation = abbreviation == null ? "" : nfc(abbreviation);
        spellings = spellings == null ? List.of() : spellings.stream().map(Agency::nfc).toList();
        members = members == null ? List.of() : List.copyOf(members);
        if (kind != AgencyKind.GROUP && !members.isEmpty()) {
            throw new IllegalArgumentException("only a group can have members: " + id);
        }
    }

    public boolean isGroup() {
        return kind == AgencyKind.GROUP;
    }

    private static String nfc(String text) {
        return Normalizer.normalize(text, Normalizer.Form.NFC);
    }
}
