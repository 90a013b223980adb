package org.wfmagentsync;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.wfmagentsync.cli.Table;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.FailureRecord;
import org.wfmagentsync.model.StatusEvent;

/**
 * What {@code check} prints: where it looked, per kind of event what the next run would send (the
 * kinds are those of the events, not a fixed list), what would be dead-lettered before sending, the
 * first events as they would be sent, and one last line: PASS, or one FAIL line per problem.
 */
final class CheckReport {

    static final String HEADING = "wfm-agent-sync check: what the next sync run would do; nothing is sent";

    /** Dead letters listed one by one before one line counts the rest. */
    static final int LISTED = 20;

    private CheckReport() {
    }

    static void print(DryRun.Check check, PrintStream out) {
        out.println(HEADING);
        check.context().forEach((label, value) -> out.printf("  %-9s %s%n", label + ":", value));
        if (!check.kinds().isEmpty()) {
            out.println();
            Table kinds = new Table("KIND", "WOULD SEND", "UNCHANGED", "WAITING FOR REPLAY");
            for (Map.Entry<EventKind, DryRun.KindCounts> kind : check.kinds().entrySet()) {
                kinds.row(kind.getKey(), kind.getValue().send, kind.getValue().unchanged, kind.getValue().waiting);
            }
            kinds.print(out);
        }
        failures(out, check.unresolved(), "do not resolve", "UNMAPPED");
        failures(out, check.invalid(), "legacy rows are invalid", "INVALID_RECORD");
        if (!check.first().isEmpty()) {
            out.println();
            out.println("the first " + check.first().size() + " of " + check.toSend() + " events, as they would be sent:");
            int width = check.first().stream().mapToInt(event -> event.kind().name().length()).max().orElse(0);
            for (StatusEvent event : check.first()) {
                out.println("  " + String.format("%-" + width + "s", event.kind()) + "  " + event.agentId() + "  "
                        + check.json().event(event));
            }
        }
        out.println();
        if (check.passed()) {
            out.println("PASS: a run would deliver everything that maps: " + check.toSend() + " event"
                    + (check.toSend() == 1 ? "" : "s") + exceptions(check));
        } else {
            check.problems().forEach(problem -> out.println("FAIL: " + problem));
        }
    }

    private static void failures(PrintStream out, List<FailureRecord> failures, String what, String reason) {
        if (failures.isEmpty()) {
            return;
        }
        out.println();
        out.println(failures.size() + " " + what + "; a run dead-letters them as " + reason + ":");
        // an agent that does not resolve is an entry per kind its state maps to: one line, naming the kinds
        Map<String, List<EventKind>> lines = new LinkedHashMap<>();
        for (FailureRecord failure : failures) {
            List<EventKind> kinds = lines.computeIfAbsent(failure.detail(), detail -> new ArrayList<>());
            if (failure.kind() != null) {
                kinds.add(failure.kind());
            }
        }
        lines.entrySet().stream().limit(LISTED).forEach(line -> out.println("  " + line.getKey()
                + (line.getValue().size() > 1 ? " " + line.getValue() : "")));
        if (lines.size() > LISTED) {
            out.println("  and " + (lines.size() - LISTED) + " more (after a run: deadletters list --reason " + reason + ")");
        }
    }

    private static String exceptions(DryRun.Check check) {
        int unresolved = check.unresolved().size();
        int invalid = check.invalid().size();
        if (unresolved == 0 && invalid == 0) {
            return "";
        }
        return "; " + (unresolved == 0 ? "" : unresolved + " do" + (unresolved == 1 ? "es" : "") + " not resolve")
                + (unresolved > 0 && invalid > 0 ? " and " : "") + (invalid == 0 ? "" : invalid + " legacy row"
                + (invalid == 1 ? " is" : "s are") + " invalid") + " (listed above)";
    }
}
