package org.planledger.shared.timeline;

/** Timeline text that matches none of the known forms; it is never guessed at. */
public class UnreadableTimelineException extends RuntimeException {

    private final String text;

    public UnreadableTimelineException(String text) {
        super("Cannot read timeline text: \"" + text + "\"");
        this.text = text;
    }

    public String text() {
        return text;
    }
}
