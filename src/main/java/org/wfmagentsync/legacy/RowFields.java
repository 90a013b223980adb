package org.wfmagentsync.legacy;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * Reads and checks the text fields of one legacy row, and says precisely what is wrong with one:
 * missing, null, of the wrong JSON type (with the value), blank, too long, or carrying a character
 * that would corrupt a log line, a CSV lookup or a state key.
 */
final class RowFields {

    /** Longest agent id, state or reason: the state database's columns are sized for it. */
    static final int MAX_LENGTH = 200;
    /** How much of a bad value an error message quotes. */
    private static final int QUOTED = 60;

    /** A field's text, or why it cannot be used (exactly one is set, except an absent optional field). */
    record Text(String value, String problem) {
    }

    private RowFields() {
    }

    static Text required(JsonNode row, String name) {
        JsonNode node = row.get(name);
        if (node == null || node.isMissingNode()) {
            return new Text(null, "is missing");
        }
        return text(node);
    }

    /** Absent and null both mean "none". */
    static Text optional(JsonNode row, String name) {
        JsonNode node = row.get(name);
        return node == null || node.isNull() ? new Text(null, null) : text(node);
    }

    private static Text text(JsonNode node) {
        if (!node.isTextual()) {
            return new Text(null, "is " + kind(node) + ", not a string");
        }
        String value = node.asText();
        return new Text(value, problemOf(value));
    }

    /** What a JSON value is, with the value itself for short scalars, e.g. {@code a number (1234)}. */
    static String kind(JsonNode node) {
        if (node == null || node.isMissingNode()) {
            return "missing";
        }
        if (node.isNull()) {
            return "null";
        }
        if (node.isTextual()) {
            return "a string";
        }
        if (node.isArray()) {
            return "an array";
        }
        if (node.isObject()) {
            return "an object";
        }
        String type = node.isNumber() ? "a number" : node.isBoolean() ? "a boolean" : "a " + node.getNodeType();
        return type + " (" + printable(node.toString()) + ")";
    }

    /** Null when the text is usable as an agent id, state or reason; else why not. */
    static String problemOf(String value) {
        if (value.isBlank()) {
            return value.isEmpty() ? "is empty" : "is blank";
        }
        if (value.length() > MAX_LENGTH) {
            return "is " + value.length() + " characters long, more than " + MAX_LENGTH;
        }
        int position = 0;
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            int codePoint = value.codePointAt(i);
            position++;
            if (forbidden(codePoint)) {
                return String.format("contains a control or invisible character (U+%04X) at position %d",
                        codePoint, position);
            }
            if (codePoint == '|') {
                return "contains '|' at position " + position + ", which joins state and reason in states.csv keys";
            }
        }
        return null;
    }

    /**
     * Control characters (NUL, newline, ESC, ...), invisible formatting (zero-width, bidi overrides,
     * BOM), line and paragraph separators, lone surrogates and non-characters: none belongs in an
     * identifier, and each can forge a log line or make two ids that look the same differ.
     */
    static boolean forbidden(int codePoint) {
        int type = Character.getType(codePoint);
        return type == Character.CONTROL || type == Character.FORMAT || type == Character.LINE_SEPARATOR
                || type == Character.PARAGRAPH_SEPARATOR || type == Character.SURROGATE
                || (codePoint & 0xFFFE) == 0xFFFE || (codePoint >= 0xFDD0 && codePoint <= 0xFDEF);
    }

    /** A bad value made safe to quote in a message or log line: cut short, odd characters as '?'. */
    static String printable(String value) {
        StringBuilder out = new StringBuilder();
        int shown = 0;
        for (int i = 0; i < value.length(); i += Character.charCount(value.codePointAt(i))) {
            if (shown++ == QUOTED) {
                return out.append("... (").append(value.length()).append(" characters)").toString();
            }
            int codePoint = value.codePointAt(i);
            out.appendCodePoint(forbidden(codePoint) ? '?' : codePoint);
        }
        return out.toString();
    }
}
