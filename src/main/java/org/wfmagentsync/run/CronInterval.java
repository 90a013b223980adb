package org.wfmagentsync.run;

import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.TimeZone;
import org.quartz.CronExpression;

/**
 * The time between two runs of the sync schedule, as an alert on "no run for so many periods"
 * needs it: the longest gap among the cron's next fires, so that a schedule with a quiet night or
 * weekend is measured by its longest pause, not its shortest.
 */
public final class CronInterval {

    /** Fires looked at: enough to see a day's pattern in an every-few-minutes cron without a long loop. */
    static final int FIRES = 2_000;

    private CronInterval() {
    }

    /** The longest gap between the next fires of {@code cron} after {@code from}; zero when it fires once or never. */
    public static Duration longestGap(String cron, Instant from, TimeZone zone) {
        CronExpression expression;
        try {
            expression = new CronExpression(cron);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a Quartz cron expression: " + cron, e);
        }
        expression.setTimeZone(zone);
        Date previous = expression.getNextValidTimeAfter(Date.from(from));
        long longest = 0;
        for (int i = 0; i < FIRES && previous != null; i++) {
            Date next = expression.getNextValidTimeAfter(previous);
            if (next == null) {
                break;
            }
            longest = Math.max(longest, next.getTime() - previous.getTime());
            previous = next;
        }
        return Duration.ofMillis(longest);
    }
}
