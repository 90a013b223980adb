package org.wfmagentsync;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.ThrowableProxyUtil;
import ch.qos.logback.core.read.ListAppender;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.LoggerFactory;

/**
 * Every log event of the JVM while open, each as the text an operator would see: the message with
 * its arguments, the MDC, and the whole stack trace. The levels are those a deployment runs with
 * (src/main/resources/logback.xml), the connector's own at DEBUG, whatever logback-test.xml says.
 */
final class CapturedLog implements AutoCloseable {

    private static final Map<String, Level> LEVELS = Map.of(
            Logger.ROOT_LOGGER_NAME, Level.INFO,
            "org.apache.camel", Level.INFO,
            "org.wfmagentsync", Level.DEBUG,
            "org.quartz", Level.INFO);

    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();
    private final Map<String, Level> previous = new HashMap<>();

    CapturedLog() {
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        appender.setContext(root.getLoggerContext());
        appender.setName("captured-log");
        appender.start();
        root.addAppender(appender);
        LEVELS.forEach((name, level) -> {
            Logger logger = (Logger) LoggerFactory.getLogger(name);
            previous.put(name, logger.getLevel());
            logger.setLevel(level);
        });
    }

    /** Each event as one text: level, logger, MDC, formatted message and stack trace with every cause. */
    List<String> lines() {
        synchronized (appender) {
            return appender.list.stream().map(CapturedLog::text).toList();
        }
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
        Logger root = (Logger) LoggerFactory.getLogger(Logger.ROOT_LOGGER_NAME);
        root.detachAppender(appender);
        appender.stop();
        previous.forEach((name, level) -> ((Logger) LoggerFactory.getLogger(name)).setLevel(level));
    }
}
