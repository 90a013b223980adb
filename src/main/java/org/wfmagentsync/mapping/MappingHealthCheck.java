package org.wfmagentsync.mapping;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.camel.health.HealthCheckResultBuilder;
import org.apache.camel.impl.health.AbstractHealthCheck;

/**
 * Reports the mapping files on {@code /observe/health}: the rows in use, and an edit that was
 * refused. A refused edit leaves the check UP (the previous version still maps, the connector still
 * delivers) with a message that starts with {@code DEGRADED:}, as the dead-letter check's does; a
 * file with no usable version at all makes it DOWN, since every sync run fails until it is fixed. Each call looks at the files as a
 * run does, so an edit shows here without waiting for the next run.
 */
public class MappingHealthCheck extends AbstractHealthCheck {

    private final StatusMapper mapper;

    public MappingHealthCheck(StatusMapper mapper) {
        super("wfm", "mapping-files");
        this.mapper = mapper;
    }

    @Override
    protected void doCall(HealthCheckResultBuilder builder, Map<String, Object> options) {
        Map<String, CsvTable.Status> files = mapper.files();
        List<String> down = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        files.forEach((name, file) -> {
            builder.detail(name + ".file", file.file().toString());
            builder.detail(name + ".rows", file.rows());
            if (file.problem() != null) {
                builder.detail(name + ".refused", file.refused());
                // the message names the file without its folder: Camel's health output escapes a '/' twice
                (file.usable() ? refused : down).add(file.file().getFileName() + " " + file.problem());
            }
        });
        if (!down.isEmpty()) {
            builder.message(String.join("; ", down) + "; sync runs fail until it is fixed");
            builder.down();
            return;
        }
        builder.message(refused.isEmpty() ? "mapping files in use: " + files.values().stream()
                .map(file -> file.file().getFileName() + " (" + file.rows() + " rows)").collect(Collectors.joining(", "))
                : "DEGRADED: " + String.join("; ", refused) + "; the previous version stays in use");
        builder.up();
    }
}
