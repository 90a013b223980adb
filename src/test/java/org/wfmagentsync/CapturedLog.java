package org.wfmagentsync;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * The log events of this JVM while open, so a test can assert what an operator reads, or scan it.
 * {@link #warnings()} keeps the connector's WARN and ERROR lines (the levels tests run with);
 * {@link #atDeploymentLevels()} keeps every event at the levels a deployment runs with
 * (src/main/resources/logback.xml), the connector's own at DEBUG, whatever logback-test.xml says.
 */
final class CapturedLog implements AutoCloseable {

    private static final Map<String, Level> DEPLOYMENT_LEVELS = Map.of(
            Logger.ROOT_LOGGER_NAME, Level.INFO,
            "org.apache.camel", Level.INFO,
            "org.wfmagentsync", Level.DEBUG,
            "org.quartz", Level.WARN,
            "org.apache.camel.component.platform.http.main.MainHttpServerUtil", Level.WARN);

    private final Logger attachedTo;
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> previous = new HashMap<>();

    private CapturedLog(String loggerName, Map<String, Level> levels) {
        attachedTo = (Logger) LoggerFactory.getLogger(loggerName);
        appender.setContext(attachedTo.getLoggerContext());
        appender.setName("captured-log");
        appender.start();
        attachedTo.addAppender(appender);
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
        previous.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }
}
