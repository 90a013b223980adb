package org.wfmagentsync.mapping;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.wfmagentsync.directory.UserKey;

/**
 * {@code agents.csv}: each legacy agent once, with the Genesys Cloud user it is, named in one of
 * four columns: {@code genesysUserId} (a UUID), or {@code email}, {@code username} or
 * {@code employeeId}, which the org's directory resolves. A file may have any of these columns; each
 * row fills exactly one.
 */
final class AgentsFormat implements MappingFormat<Map<String, UserRef>> {

    /** The columns that name the user, and what each names it by. */
    static final Map<String, UserKey> USER_COLUMNS = Map.of("genesysUserId", UserKey.USER_ID, "email", UserKey.EMAIL,
            "username", UserKey.USERNAME, "employeeId", UserKey.EMPLOYEE_ID);
    private static final List<String> IN_ORDER = List.of("genesysUserId", "email", "username", "employeeId");

    @Override
    public List<String> required() {
        return List.of("legacyAgentId", "genesysUserId");
    }

    @Override
    public List<String> optional() {
        return List.of();
    }

    @Override
    public Map<String, List<String>> alternatives() {
        return Map.of("genesysUserId", IN_ORDER.subList(1, IN_ORDER.size()));
    }

    @Override
    public Map<String, UserRef> table(List<CsvRow> rows, FileProblems problems) {
        Map<String, UserRef> users = new HashMap<>();
        Map<String, Integer> firstLine = new HashMap<>();
        // two agents as one user would each overwrite the other's status in Genesys Cloud
        Map<String, String> agentOfUser = new HashMap<>();
        for (CsvRow row : rows) {
            String agent = row.required("legacyAgentId", problems);
            UserRef user = user(row, problems);
            if (agent == null) {
                continue;
            }
            Integer first = firstLine.putIfAbsent(agent, row.line());
            if (first != null) {
                problems.add(row.line(), "agent " + FileProblems.quoted(agent) + " again (first on line " + first + ")");
                continue;
            }
            if (user == null) {
                continue;
            }
            String other = agentOfUser.putIfAbsent(user.key() + "|" + user.value().trim().toLowerCase(Locale.ROOT), agent);
            if (other != null) {
                problems.add(row.line(), columnOf(user.key()) + " " + FileProblems.quoted(user.value()) + " again: agent "
                        + FileProblems.quoted(other) + " (line " + firstLine.get(other) + ") is that user already");
            } else {
                users.put(agent, user);
            }
        }
        return users;
    }

    private static String columnOf(UserKey key) {
        return IN_ORDER.stream().filter(column -> USER_COLUMNS.get(column) == key).findFirst().orElseThrow();
    }

    /** The user the row names, checked for what its column must hold; null, with the problem noted, when it is not. */
    private static UserRef user(CsvRow row, FileProblems problems) {
        CsvRow.Filled filled = row.oneOf(IN_ORDER, problems);
        if (filled == null) {
            return null;
        }
        String value = filled.value();
        UserKey key = USER_COLUMNS.get(filled.column());
        if (key == UserKey.USER_ID && !CsvRow.isUuid(value)) {
            problems.add(row.line(), "genesysUserId " + FileProblems.quoted(value) + " is not a UUID"
                    + (value.contains("@") ? " (an email goes in the email column)" : ""));
            return null;
        }
        if (key == UserKey.EMAIL && (!value.contains("@") || value.chars().anyMatch(Character::isWhitespace))) {
            problems.add(row.line(), "email " + FileProblems.quoted(value) + " is not an email address");
            return null;
        }
        return new UserRef(key, value, row.line());
    }
}
