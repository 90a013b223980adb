package org.wfmagentsync.mapping;

import java.util.ArrayList;
import java.util.List;
import org.wfmagentsync.support.ForeignText;

/**
 * What is wrong with one reading of a mapping file: every problem is counted, the first few are
 * named with their line, so that the refusal stays one readable line however broken the file is.
 */
final class FileProblems {

    /** Problems named in the refusal; the rest are counted. */
    static final int NAMED = 3;

    private final List<String> named = new ArrayList<>();
    private int count;

    void add(int line, String problem) {
        count++;
        if (named.size() < NAMED) {
            named.add(line > 0 ? "line " + line + ": " + problem : problem);
        }
    }

    boolean any() {
        return count > 0;
    }

    /** For example {@code line 12: presenceDefinitionId is empty; line 14: ...; and 3 more problems}. */
    String summary() {
        String listed = String.join("; ", named);
        int more = count - named.size();
        return more == 0 ? listed : listed + "; and " + more + " more problem" + (more == 1 ? "" : "s");
    }

    /** A value from the file, quoted for a message: one line and short (a whole pasted paragraph is not repeated). */
    static String quoted(String value) {
        return "'" + ForeignText.oneLine(value, "", 60) + "'";
    }
}
