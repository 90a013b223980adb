package org.wfmagentsync.support;

import ch.qos.logback.classic.encoder.JsonEncoder;
import ch.qos.logback.classic.encoder.PatternLayoutEncoder;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import ch.qos.logback.core.encoder.EncoderBase;
import java.util.Locale;

/**
 * The console's encoder, chosen by {@code WFM_LOG_FORMAT} through logback.xml: {@code text} (the
 * default) writes the readable line of {@code pattern}; {@code json} writes one JSON object per line
 * with Logback's own {@link JsonEncoder}: {@code timestamp} (milliseconds since the epoch),
 * {@code level}, {@code threadName}, {@code loggerName}, {@code mdc} (the {@link LogFields}: run id,
 * agent id, event kind), {@code formattedMessage} and {@code throwable}. Another value is a warning
 * at start-up and the log stays text: a typo must not leave the connector without a log.
 */
public class LogFormatEncoder extends EncoderBase<ILoggingEvent> {

    /** The readable line, the default. */
    public static final String TEXT = "text";
    /** One JSON object per line. */
    public static final String JSON = "json";

    private String format = TEXT;
    private String pattern;
    private Encoder<ILoggingEvent> chosen;

    /** {@code text} or {@code json}, any case; empty means text. */
    public void setFormat(String format) {
        this.format = format;
    }

    /** The readable line's pattern (Logback's {@code PatternLayout}). */
    public void setPattern(String pattern) {
        this.pattern = pattern;
    }

    /** The format in use once started: {@link #TEXT} or {@link #JSON}. */
    public String format() {
        return chosen instanceof JsonEncoder ? JSON : TEXT;
    }

    @Override
    public void start() {
        String wanted = format == null ? "" : format.strip().toLowerCase(Locale.ROOT);
        if (wanted.equals(JSON)) {
            chosen = json();
        } else {
            if (!wanted.isEmpty() && !wanted.equals(TEXT)) {
                addWarn("WFM_LOG_FORMAT is '" + format + "', which is neither text nor json: the log stays text");
            }
            PatternLayoutEncoder text = new PatternLayoutEncoder();
            text.setPattern(pattern);
            chosen = text;
        }
        chosen.setContext(getContext());
        chosen.start();
        super.start();
    }

    /**
     * Logback's encoder without what would only repeat or bloat every line: the message's pattern and
     * arguments (the formatted message has both), the logger context, sequence numbers and nanoseconds.
     */
    private static JsonEncoder json() {
        JsonEncoder json = new JsonEncoder();
        json.setWithSequenceNumber(false);
        json.setWithNanoseconds(false);
        json.setWithContext(false);
        json.setWithMessage(false);
        json.setWithArguments(false);
        json.setWithFormattedMessage(true);
        return json;
    }

    @Override
    public byte[] headerBytes() {
        return chosen.headerBytes();
    }

    @Override
    public byte[] encode(ILoggingEvent event) {
        return chosen.encode(event);
    }

    @Override
    public byte[] footerBytes() {
        return chosen.footerBytes();
    }

    @Override
    public void stop() {
        if (chosen != null) {
            chosen.stop();
        }
        super.stop();
    }
}
