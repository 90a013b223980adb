package org.wfmagentsync;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.core.Appender;
import ch.qos.logback.core.ConsoleAppender;
import java.io.PrintStream;
import java.util.Map;
import java.util.Properties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.cli.LocalCommands;
import org.wfmagentsync.model.FailureRecord;

/**
 * {@code check} and {@code mapping export} for the command line: each starts the connector as a
 * {@link DryRun}, asks it, prints the answer and stops it. A configuration the connector would
 * refuse is a FAIL line with the reason a start gives.
 */
final class OfflineCommands implements LocalCommands {

    private final Map<String, String> environment;
    private final Properties overrides;
    private final boolean ownProcess;

    /**
     * @param overrides  settings over the configuration file's (tests give theirs here)
     * @param ownProcess whether this process does nothing else: then the connector's log goes to
     *                   stderr at WARN, so that stdout is the report (or the CSV) alone
     */
    OfflineCommands(Map<String, String> environment, Properties overrides, boolean ownProcess) {
        this.environment = Map.copyOf(environment);
        this.overrides = overrides;
        this.ownProcess = ownProcess;
    }

    @Override
    public int check(int events, PrintStream out, PrintStream err) {
        quietLog();
        DryRun.Check check;
        try (DryRun dryRun = DryRun.start(environment, overrides)) {
            check = dryRun.check(events);
        } catch (RuntimeException refused) {
            out.println(CheckReport.HEADING);
            out.println();
            out.println("FAIL: the connector would not start: " + WfmAgentSync.rootMessage(refused));
            return 1;
        }
        CheckReport.print(check, out);
        return check.passed() ? 0 : 1;
    }

    @Override
    public int exportMapping(PrintStream csv, PrintStream err) {
        quietLog();
        DryRun.Mapping mapping;
        try (DryRun dryRun = DryRun.start(environment, overrides)) {
            mapping = dryRun.mapping();
        } catch (RuntimeException refused) {
            err.println("error: the connector would not start: " + WfmAgentSync.rootMessage(refused));
            return 1;
        }
        if (!mapping.problems().isEmpty()) {
            mapping.problems().forEach(problem -> err.println("error: " + problem));
            return 1;
        }
        csv.println("legacyAgentId,genesysUserId");
        mapping.users().forEach((agent, user) -> csv.println(csvValue(agent) + "," + csvValue(user)));
        err.println("exported " + mapping.users().size() + " agent" + (mapping.users().size() == 1 ? "" : "s")
                + " of the legacy feed, with the Genesys user each resolves to");
        if (!mapping.unresolved().isEmpty()) {
            err.println(mapping.unresolved().size() + " did not resolve and are left out:");
            mapping.unresolved().stream().limit(CheckReport.LISTED).map(FailureRecord::detail)
                    .forEach(detail -> err.println("  " + detail));
            if (mapping.unresolved().size() > CheckReport.LISTED) {
                err.println("  and " + (mapping.unresolved().size() - CheckReport.LISTED) + " more (check lists them all)");
            }
        }
        return 0;
    }

    /** A value as CSV writes it: quoted when it holds a comma, a quote or a line break. */
    private static String csvValue(String value) {
        return value.matches("[^,\"\\r\\n]*") ? value : "\"" + value.replace("\"", "\"\"") + "\"";
    }

    /**
     * In a process of its own, the report is stdout: the connector's start-up and Camel's lines go to
     * stderr, at WARN. A test's JVM keeps its logging as it is.
     */
    private void quietLog() {
        if (!ownProcess || !(LoggerFactory.getILoggerFactory() instanceof LoggerContext logback)) {
            return;
        }
        ch.qos.logback.classic.Logger root = logback.getLogger(Logger.ROOT_LOGGER_NAME);
        Appender<?> console = root.getAppender("CONSOLE");
        if (console instanceof ConsoleAppender<?> appender) {
            appender.stop();
            appender.setTarget("System.err");
            appender.start();
        }
        for (String name : new String[] {Logger.ROOT_LOGGER_NAME, "org.apache.camel", "org.wfmagentsync"}) {
            logback.getLogger(name).setLevel(Level.WARN);
        }
    }
}
