package org.wfmagentsync.config;

/**
 * How a key's text becomes a value: what it parses to, what it accepts (for the reference and the
 * error), and, when the text does not fit, a {@link Rejected} that {@link ConfigKey} turns into a
 * one-line error naming the key.
 */
public interface ConfigType<T> {

    /** The value of {@code text}, already trimmed; throws {@link Rejected} when it is not acceptable. */
    T parse(String text);

    /** What the type accepts, for the reference table, e.g. {@code whole number between 1 and 100}. */
    String accepted();

    /**
     * A value the type refuses: {@code requirement} completes "&lt;key&gt; ...", e.g. {@code must be between 1
     * and 100}; {@code quoted} says whether the value is shown in quotes (text) or bare (a number out of range);
     * {@code detail} (may be null) is the parser's own reason.
     */
    final class Rejected extends RuntimeException {

        private static final long serialVersionUID = 1L;

        private final String requirement;
        private final boolean quoted;
        private final String detail;

        public Rejected(String requirement, boolean quoted, String detail) {
            super(requirement, null, false, false);
            this.requirement = requirement;
            this.quoted = quoted;
            this.detail = detail;
        }

        public Rejected(String requirement) {
            this(requirement, true, null);
        }

        String requirement() {
            return requirement;
        }

        boolean quoted() {
            return quoted;
        }

        String detail() {
            return detail;
        }
    }
}
