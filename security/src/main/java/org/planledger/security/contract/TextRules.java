package org.planledger.security.contract;

/**
 * What every text field of a request obeys, as {@code @Pattern} regular expressions (they also appear in the OpenAPI
 * schema): no C0 or C1 control character, and in a multi-line field no control character but the line feed. Text is
 * read as Unicode NFC ({@link StrictJson}); lengths are per field ({@code @Size}).
 */
public final class TextRules {

    /** One line: no control characters at all (U+0000–U+001F, U+007F–U+009F). */
    public static final String SINGLE_LINE = "^[^\\x00-\\x1F\\x7F-\\x9F]*$";
    /** Several lines: as {@link #SINGLE_LINE}, but {@code \n} is allowed. */
    public static final String MULTI_LINE = "^[^\\x00-\\x09\\x0B-\\x1F\\x7F-\\x9F]*$";
    public static final String NO_CONTROL = "no control characters";
    public static final String NO_CONTROL_BUT_LF = "no control characters but line feeds";

    /** The earliest and latest year any date of a request may name (the plan years 2000–2100, ± 10). */
    public static final int FIRST_YEAR = 1990;
    public static final int LAST_YEAR = 2110;

    private TextRules() {
    }

    /** The rule name a {@code @Pattern} constraint with this expression stands for. */
    static String ruleOf(String regexp) {
        return SINGLE_LINE.equals(regexp) || MULTI_LINE.equals(regexp) ? "no-control-characters" : "pattern";
    }
}
