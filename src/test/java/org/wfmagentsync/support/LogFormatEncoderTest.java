package org.wfmagentsync.support;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.joran.JoranConfigurator;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.ConsoleAppender;
import ch.qos.logback.core.status.Status;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.wfmagentsync.model.EventKind;

/**
 * WFM_LOG_FORMAT as the shipped logback.xml reads it, and the two lines it chooses between: the
 * readable one by default, one JSON object per line with the log fields, whatever the message holds.
 */
class LogFormatEncoderTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Logger logger = (Logger) LoggerFactory.getLogger("org.wfmagentsync.push.Example");

    @Test
    void the_shipped_logback_xml_writes_text_by_default_json_when_asked_and_text_with_a_warning_for_another_word()
            throws Exception {
        assertEquals(LogFormatEncoder.TEXT, formatChosen(null).format);
        assertEquals(LogFormatEncoder.JSON, formatChosen("json").format);
        assertEquals(LogFormatEncoder.JSON, formatChosen(" JSON ").format);
        assertEquals(List.of(), formatChosen("json").warnings);

        Chosen typo = formatChosen("jsn");
        assertEquals(LogFormatEncoder.TEXT, typo.format);
        assertEquals(List.of("WFM_LOG_FORMAT is 'jsn', which is neither text nor json: the log stays text"), typo.warnings);
    }

    @Test
    void the_text_line_is_the_pattern() {
        LogFormatEncoder text = encoder(null);
        text.setPattern("%-5level %logger{0}%replace( run=%X{runId}){' run=$', ''} - %msg%n");
        text.start();

        try (LogFields fields = LogFields.of("run-1", "A1001", EventKind.PRESENCE)) {
            assertEquals("WARN  Example run=run-1 - dead-lettered agent A1001\n",
                    encode(text, event(Level.WARN, "dead-lettered agent {}", null, "A1001")));
        }
    }

    @Test
    void a_json_line_is_one_object_with_the_run_agent_and_kind_as_fields_whatever_the_message_holds() throws Exception {
        LogFormatEncoder json = encoder("json");
        json.start();
        String message = "Genesys Cloud answered <html>\"bad\"\r\n\tat http://127.0.0.1:1/a\\b</html> é";
        IllegalStateException failure = new IllegalStateException("two\nlines", new RuntimeException("cause \"quoted\""));

        String line;
        try (LogFields fields = LogFields.of("run-1", "A1001", EventKind.ROUTING_STATUS)) {
            line = encode(json, event(Level.ERROR, "dead-lettered: {}", failure, message));
        }

        assertTrue(line.endsWith("\n") && line.indexOf('\n') == line.length() - 1, "one line: " + line);
        JsonNode object = JSON.readTree(line);
        assertEquals("ERROR", object.path("level").asText());
        assertEquals("org.wfmagentsync.push.Example", object.path("loggerName").asText());
        assertEquals(Thread.currentThread().getName(), object.path("threadName").asText());
        assertTrue(object.path("timestamp").asLong() > 0, line);
        assertEquals("run-1", object.path("mdc").path(LogFields.RUN_ID).asText());
        assertEquals("A1001", object.path("mdc").path(LogFields.AGENT_ID).asText());
        assertEquals("ROUTING_STATUS", object.path("mdc").path(LogFields.EVENT_KIND).asText());
        assertEquals("dead-lettered: " + message, object.path("formattedMessage").asText());
        assertEquals(IllegalStateException.class.getName(), object.path("throwable").path("className").asText());
        assertEquals("two\nlines", object.path("throwable").path("message").asText());
        assertEquals("cause \"quoted\"", object.path("throwable").path("cause").path("message").asText());
        for (String repeated : List.of("message", "arguments", "context", "sequenceNumber", "nanoseconds")) {
            assertFalse(object.has(repeated), repeated + " is in " + line);
        }
    }

    @Test
    void log_fields_put_back_what_the_thread_had() {
        MDC.put(LogFields.RUN_ID, "the-run");
        try {
            try (LogFields outer = LogFields.of("other-run", "A1", EventKind.PRESENCE)) {
                try (LogFields inner = LogFields.of(null, "A2", null)) {
                    assertEquals("other-run", MDC.get(LogFields.RUN_ID));
                    assertEquals("A2", MDC.get(LogFields.AGENT_ID));
                    assertEquals("PRESENCE", MDC.get(LogFields.EVENT_KIND));
                }
                assertEquals("A1", MDC.get(LogFields.AGENT_ID));
            }
            assertEquals("the-run", MDC.get(LogFields.RUN_ID));
            assertNull(MDC.get(LogFields.AGENT_ID));
            assertNull(MDC.get(LogFields.EVENT_KIND));
        } finally {
            MDC.remove(LogFields.RUN_ID);
        }
    }

    private record Chosen(String format, List<String> warnings) {
    }

    /** src/main/resources/logback.xml in a logger context of its own, WFM_LOG_FORMAT set to {@code value} (null: unset). */
    private static Chosen formatChosen(String value) throws Exception {
        LoggerContext context = new LoggerContext();
        try {
            if (value != null) {
                context.putProperty("WFM_LOG_FORMAT", value);
            }
            JoranConfigurator configurator = new JoranConfigurator();
            configurator.setContext(context);
            configurator.doConfigure(Path.of("src", "main", "resources", "logback.xml").toFile());
            ConsoleAppender<?> console = (ConsoleAppender<?>) context.getLogger(Logger.ROOT_LOGGER_NAME).getAppender("CONSOLE");
            LogFormatEncoder encoder = (LogFormatEncoder) console.getEncoder();
            List<String> warnings = context.getStatusManager().getCopyOfStatusList().stream()
                    .filter(status -> status.getLevel() >= Status.WARN).map(Status::getMessage).toList();
            return new Chosen(encoder.format(), warnings);
        } finally {
            context.stop();
        }
    }

    private LogFormatEncoder encoder(String format) {
        LogFormatEncoder encoder = new LogFormatEncoder();
        encoder.setContext(logger.getLoggerContext());
        encoder.setFormat(format);
        return encoder;
    }

    private LoggingEvent event(Level level, String message, Throwable failure, Object argument) {
        return new LoggingEvent(Logger.FQCN, logger, level, message, failure, new Object[] {argument});
    }

    private static String encode(LogFormatEncoder encoder, LoggingEvent event) {
        return new String(encoder.encode(event), StandardCharsets.UTF_8);
    }
}
