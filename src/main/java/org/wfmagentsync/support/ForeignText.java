package org.wfmagentsync.support;

/**
 * Text that came from elsewhere (a Genesys Cloud answer, a parser's message quoting the legacy
 * feed) made fit for a message, a log line and a dead letter: one line, without control or
 * invisible formatting characters, and bounded (an HTML error page or a hostile feed is long; the
 * full body, where there is one, is kept with the dead letter).
 */
public final class ForeignText {

    private ForeignText() {
    }

    /** The text on one line, cut at {@code max} characters; {@code fallback} when it is null. */
    public static String oneLine(String text, String fallback, int max) {
        if (text == null) {
            return fallback;
        }
        String line = text.replaceAll("[\\p{Cntrl}\\p{Cf}\\p{Zl}\\p{Zp}]+", " ").replaceAll(" {2,}", " ").strip();
        return line.length() <= max ? line : line.substring(0, max) + "...";
    }
}
