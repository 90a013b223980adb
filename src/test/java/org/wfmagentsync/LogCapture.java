package org.wfmagentsync;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import java.util.List;
import org.slf4j.LoggerFactory;

/** Collects the connector's log lines at WARN and above while open, so a test can assert what the operator reads. */
final class LogCapture implements AutoCloseable {

    private final Logger logger = (Logger) LoggerFactory.getLogger("org.wfmagentsync");
    private final ListAppender<ILoggingEvent> appender = new ListAppender<>();

    LogCapture() {
        appender.start();
        logger.addAppender(appender);
    }

    /** The formatted messages logged so far (WARN and above, as configured for tests). */
    List<String> lines() {
        synchronized (appender) { // AppenderBase.doAppend holds this lock while it adds
            return appender.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
        }
    }

    /** Whether any line contains every one of the fragments. */
    boolean anyLineContains(String... fragments) {
        return lines().stream().anyMatch(line -> java.util.Arrays.stream(fragments).allMatch(line::contains));
    }

    @Override
    public void close() {
        logger.detachAppender(appender);
        appender.stop();
    }
}
