package org.wfmagentsync;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.OutputStreamAppender;
import ch.qos.logback.core.read.ListAppender;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.support.LogFormatEncoder;

/**
 * The log events of this JVM while open, so a test can assert what an operator reads, or scan it.
 * {@link #warnings()} keeps the connector's WARN and ERROR lines (the levels tests run with);
 * {@link #atDeploymentLevels()} keeps every event at the levels a deployment runs with
 * (src/main/resources/logback.xml), the connector's own at DEBUG, whatever logback-test.xml says.
 * Each event is also written as {@code WFM_LOG_FORMAT=json} writes it ({@link #jsonLines()}), when
 * it happens, on the thread that logs it.
 */
final class CapturedLog implements AutoCloseable {

    private static final Map<String, Level> DEPLOYMENT_LEVELS = Map.of(
            Logger.ROOT_LOGGER_NAME, Level.INFO,
            "org.apache.camel", Level.INFO,
            "org.wfmagentsync", Level.DEBUG,
            "org.quartz", Level.WARN,
            "org.apache.camel.component.platform.http.main.MainHttpServerUtil", Level.WARN);

    private final Logger attachedTo;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>() {
        @Override
        protected void append(ILoggingEvent event) {
            // the MDC, the thread's name and the message as they are now, on the thread that logs; read later
            // they would be the test thread's
            event.prepareForDeferredProcessing();
            super.append(event);
        }
    };
    private final ByteArrayOutputStream json = new ByteArrayOutputStream();
    private final OutputStreamAppender<ILoggingEvent> jsonAppender = new OutputStreamAppender<>();
    private final Map<String, Level> previous = new HashMap<>();

    private CapturedLog(String loggerName, Map<String, Level> levels) {
        attachedTo = (Logger) LoggerFactory.getLogger(loggerName);
        appender.setContext(attachedTo.getLoggerContext());
        appender.setName("captured-log");
        appender.start();
        attachedTo.addAppender(appender);
        LogFormatEncoder encoder = new LogFormatEncoder();
        encoder.setContext(attachedTo.getLoggerContext());
        encoder.setFormat(LogFormatEncoder.JSON);
        encoder.start();
        jsonAppender.setContext(attachedTo.getLoggerContext());
        jsonAppender.setName("captured-json-log");
        jsonAppender.setEncoder(encoder);
        jsonAppender.setOutputStream(json);
        jsonAppender.start();
        attachedTo.addAppender(jsonAppender);
        levels.forEach((name, level) -> {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previous.put(name, logger.getLevel());
            logger.setLevel(level);
        });
    }

    /** The connector's own lines at the levels the tests run with (WARN and above). */
    static CapturedLog warnings() {
        return new CapturedLog("org.wfmagentsync", Map.of());
    }

    /** Every logger, at the levels a deployment runs with, the connector's own at DEBUG. */
    static CapturedLog atDeploymentLevels() {
        return new CapturedLog(Logger.ROOT_LOGGER_NAME, DEPLOYMENT_LEVELS);
    }

    /** Each event as one text: level, logger, MDC, formatted message and stack trace with every cause. */
    List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds
            return appender.list.stream().map(CapturedLog::text).toList();
        }
    }

    /** The same events as {@code WFM_LOG_FORMAT=json} writes them: one JSON object a line. */
    List<String> jsonLines() {
        // each event is one write of whole lines, and ByteArrayOutputStream's writes and toString hold its lock
        return json.toString(StandardCharsets.UTF_8).lines().toList();
    }

    /** Whether any line contains every one of the fragments. */
    boolean anyLineContains(String... fragments) {
        return lines().stream().anyMatch(line -> Arrays.stream(fragments).allMatch(line::contains));
    }

    /** How many lines contain the fragment. */
    long linesContaining(String fragment) {
        return lines().stream().filter(line -> line.contains(fragment)).count();
    }

    private static String text(ILoggingEvent event) {
        StringBuilder text = new StringBuilder().append(event.getLevel()).append(' ').append(event.getLoggerName())
                .append(' ').append(event.getMDCPropertyMap()).append(" - ").append(event.getFormattedMessage());
        if (event.getThrowableProxy() != null) {
            text.append('\n').append(ThrowableProxyUtil.asString(event.getThrowableProxy()));
        }
        return text.toString();
    }

    @Override
    public void close() {
        attachedTo.detachAppender(appender);
        appender.stop();
        attachedTo.detachAppender(jsonAppender);
        jsonAppender.stop();
        previous.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }
}
