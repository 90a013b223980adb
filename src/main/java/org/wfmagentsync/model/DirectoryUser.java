package org.wfmagentsync.model;

/**
 * A user of the Genesys Cloud org as the directory keeps it ({@code GET /api/v2/users}): its id, and
 * what a mapping may name it by instead. Any of the names may be null (not every user has an
 * employee id).
 *
 * @param employeeId the user's {@code employerInfo.employeeId}
 */
public record DirectoryUser(String id, String name, String email, String username, String employeeId) {
}
