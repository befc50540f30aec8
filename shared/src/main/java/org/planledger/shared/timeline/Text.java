package org.planledger.shared.timeline;

import java.text.Normalizer;
import java.util.Locale;

/** Text clean-up shared by the timeline readers. */
final class Text {

    private Text() {
    }

    /** NFC, and every run of whitespace (PDF line wraps, double spaces, NBSP) as one space. */
    static String normalize(String text) {
        String nfc = Normalizer.normalize(text, Normalizer.Form.NFC);
        return nfc.replaceAll("[\\s\\u00A0\\u2007\\u202F]+", " ").strip();
    }

    /** A comparison key: lower case, letters and digits only, single spaces. */
    static String key(String text) {
        return normalize(text).toLowerCase(Locale.ROOT)
                .replaceAll("[^\\p{L}\\p{N}]+", " ")
                .strip();
    }

    /** Index of the '(' matching the ')' at {@code close}, or -1. */
    static int openingParen(String text, int close) {
        int depth = 0;
        for (int i = close; i >= 0; i--) {
            char c = text.charAt(i);
            if (c == ')') {
                depth++;
            } else if (c == '(' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Index of the ')' matching the '(' at {@code open}, or -1. */
    static int closingParen(String text, int open) {
        int depth = 0;
        for (int i = open; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '(') {
                depth++;
            } else if (c == ')' && --depth == 0) {
                return i;
            }
        }
        return -1;
    }

    /** Parenthesis depth at each index (the depth before the character is read). */
    static int[] depths(String text) {
        int[] depth = new int[text.length() + 1];
        int d = 0;
        for (int i = 0; i < text.length(); i++) {
            depth[i] = d;
            char c = text.charAt(i);
            if (c == '(') {
                d++;
            } else if (c == ')' && d > 0) {
                d--;
            }
        }
        depth[text.length()] = d;
        return depth;
    }
}
