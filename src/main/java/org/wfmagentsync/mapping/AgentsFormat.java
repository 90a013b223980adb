package org.wfmagentsync.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** {@code agents.csv}: each legacy agent once, with the Genesys Cloud user (a UUID) it is. */
final class AgentsFormat implements MappingFormat<Map<String, String>> {

    @Override
    public List<String> required() {
        return List.of("legacyAgentId", "genesysUserId");
    }

    @Override
    public List<String> optional() {
        return List.of();
    }

    @Override
    public Map<String, String> table(List<CsvRow> rows, FileProblems problems) {
        Map<String, String> users = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        for (CsvRow row : rows) {
            String agent = row.required("legacyAgentId", problems);
            String user = row.uuid("genesysUserId", problems);
            if (agent == null) {
                continue;
            }
            Integer first = firstLine.putIfAbsent(agent, row.line());
            if (first != null) {
                problems.add(row.line(), "agent " + FileProblems.quoted(agent) + " again (first on line " + first + ")");
            } else if (user != null) {
                users.put(agent, user);
            }
        }
        return users;
    }
}
