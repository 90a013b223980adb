package org.wfmagentsync.config;

import java.math.BigDecimal;

/**
 * Bounds of a decimal setting, each open (the bound itself refused), closed (accepted) or absent;
 * it words itself the same way for the reference and for the error.
 */
public record Range(BigDecimal min, boolean minIncluded, BigDecimal max, boolean maxIncluded) {

    /** Strictly between {@code min} and {@code max}. */
    public static Range open(double min, double max) {
        return new Range(number(min), false, number(max), false);
    }

    /** From {@code min} to {@code max}, both included. */
    public static Range closed(double min, double max) {
        return new Range(number(min), true, number(max), true);
    }

    /** {@code min} or more. */
    public static Range atLeast(double min) {
        return new Range(number(min), true, null, false);
    }

    /** More than {@code min}. */
    public static Range greaterThan(double min) {
        return new Range(number(min), false, null, false);
    }

    /** Whether {@code value} lies within the bounds. */
    public boolean contains(BigDecimal value) {
        boolean aboveMin = min == null || (minIncluded ? value.compareTo(min) >= 0 : value.compareTo(min) > 0);
        boolean belowMax = max == null || (maxIncluded ? value.compareTo(max) <= 0 : value.compareTo(max) < 0);
        return aboveMin && belowMax;
    }

    /** E.g. {@code between 0 and 1 (exclusive)}, {@code at least 1}, {@code more than 0 and at most 1}. */
    @Override
    public String toString() {
        if (min != null && max != null) {
            if (minIncluded == maxIncluded) {
                return "between " + plain(min) + " and " + plain(max) + (minIncluded ? "" : " (exclusive)");
            }
            return lower() + " and " + upper();
        }
        return min != null ? lower() : max != null ? upper() : "any number";
    }

    private String lower() {
        return (minIncluded ? "at least " : "more than ") + plain(min);
    }

    private String upper() {
        return (maxIncluded ? "at most " : "less than ") + plain(max);
    }

    private static BigDecimal number(double value) {
        return BigDecimal.valueOf(value);
    }

    private static String plain(BigDecimal value) {
        return value.stripTrailingZeros().toPlainString();
    }
}
