package org.planledger.shared.agency;

import java.text.Normalizer;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * How an agency name is compared: NFC, case-insensitive, blind to whitespace (so missing or doubled
 * spaces do not matter) and to where the tone mark sits in "oa/oe/uy" ("hóa" = "hoá", "Ủy" = "Uỷ").
 * Nothing fuzzier: a name matches only a spelling the directory knows.
 */
final class AgencyNames {

    private static final String TONES = "[\u0300\u0301\u0303\u0309\u0323]";
    private static final Pattern OA_OE = Pattern.compile("([oO])(" + TONES + ")([aAeE])(?![\\p{L}\\p{M}])");
    private static final Pattern UY = Pattern.compile("([uU])(" + TONES + ")([yY])(?![\\p{L}\\p{M}])");
    private static final Pattern WHITESPACE = Pattern.compile("\\s+");
    private static final Pattern LEADING_BULLET = Pattern.compile("^[\\s\\-–—•]+");
    private static final Pattern TRAILING_PUNCTUATION = Pattern.compile("[\\s.,;:]+$");

    private AgencyNames() {
    }

    /** The comparison key of a name. */
    static String key(String text) {
        String s = Normalizer.normalize(text, Normalizer.Form.NFD);
        s = OA_OE.matcher(s).replaceAll("$1$3$2");
        s = UY.matcher(s).replaceAll("$1$3$2");
        s = Normalizer.normalize(s, Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
        s = s.replace('–', '-').replace('—', '-');
        return WHITESPACE.matcher(s).replaceAll("");
    }

    /** NFC with whitespace runs collapsed to one space. */
    static String tidy(String text) {
        return WHITESPACE.matcher(Normalizer.normalize(text, Normalizer.Form.NFC)).replaceAll(" ").strip();
    }

    /** A piece of a cell without a leading list bullet or trailing punctuation ("- Sở Y tế;" → "Sở Y tế"). */
    static String clean(String text) {
        String s = LEADING_BULLET.matcher(tidy(text)).replaceFirst("");
        return TRAILING_PUNCTUATION.matcher(s).replaceFirst("");
    }
}
