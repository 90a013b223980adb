package org.wfmagentsync;

import static org.wfmagentsync.config.ConnectorConfig.API_TOKEN;
import static org.wfmagentsync.config.ConnectorConfig.DB_URL;
import static org.wfmagentsync.config.ConnectorConfig.LEGACY_AGENTS_URL;
import static org.wfmagentsync.config.ConnectorConfig.SCHEDULE_CRON;
import static org.wfmagentsync.config.ConnectorConfig.SCHEDULE_ENABLED;
import static org.wfmagentsync.config.ConnectorConfig.SCHEDULE_RUN_AT_STARTUP;
import static org.wfmagentsync.config.ConnectorConfig.SCHEDULE_STARTUP_DELAY;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.apache.camel.CamelContext;
import org.apache.camel.component.micrometer.prometheus.MicrometerPrometheus;
import org.apache.camel.main.HttpManagementServerConfigurationProperties;
import org.apache.camel.spi.RestRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.config.ConfigReader;
import org.wfmagentsync.support.Credentials;
import org.wfmagentsync.target.PresenceSource;
import org.wfmagentsync.target.TargetResolver;

/**
 * What a started connector says about itself in a few lines: what it talks to (credentials masked),
 * where health, metrics and the API are, on the host and port the management server really listens
 * on, and when it syncs. It stands in for Camel's own summaries, which config/application.properties
 * and logback.xml turn off: some 60 property lines, and an endpoint list that reads
 * {@code http://0.0.0.0:9876} whatever host the server listens on. No secret is printed.
 */
final class StartupSummary {

    private static final Logger LOG = LoggerFactory.getLogger(StartupSummary.class);

    private final TargetResolver target;
    private final ConnectorMain main;

    StartupSummary(TargetResolver target, ConnectorMain main) {
        this.target = target;
        this.main = main;
    }

    /** Logs the summary of a started connector, one line each. */
    void log(CamelContext context) {
        lines(context).forEach(line -> LOG.info("{}", line));
    }

    List<String> lines(CamelContext context) {
        ConfigReader config = ConfigReader.of(context);
        RouteFiles routes = main.routeFiles();
        List<String> lines = new ArrayList<>();
        lines.add("wfm-agent-sync is running: " + context.getRoutesSize() + " routes from "
                + (routes == null || routes.folders().isEmpty() ? String.valueOf(main.configure().getRoutesIncludePattern())
                        : String.join(", ", routes.folders().stream().map(Path::toString).toList()))
                + ", settings from " + main.settings().name());
        lines.add("  target:   " + target.target());
        PresenceSource source = context.getRegistry().lookupByNameAndType("presenceSource", PresenceSource.class);
        if (source != null) {
            lines.add("  source:   presence source " + source.describe());
        }
        lines.add("  legacy:   " + Credentials.maskUrl(config.get(LEGACY_AGENTS_URL)));
        String database = config.get(DB_URL);
        lines.add("  state:    " + Credentials.maskUrl(database)
                + (database.startsWith("jdbc:h2:mem:") ? " (in memory: forgotten at stop)" : ""));
        lines.addAll(management(context, config));
        lines.add("  schedule: " + schedule(config));
        return lines;
    }

    /** Where routes/console.camel.yaml serves the dead-letter console. */
    private static final String CONSOLE = "/console";

    private List<String> management(CamelContext context, ConfigReader config) {
        HttpManagementServerConfigurationProperties server = main.configure().httpManagementServer();
        if (!server.isEnabled()) {
            return List.of("  health, metrics and the API: off (camel.management.enabled=false)");
        }
        String host = server.getHost() == null || server.getHost().isBlank() ? "0.0.0.0" : server.getHost();
        String base = "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + server.getPort();
        String where = host.equals("0.0.0.0") || host.equals("::") ? " (every interface of this host)" : "";
        List<String> lines = new ArrayList<>();
        lines.add("  health:   " + (server.isHealthCheckEnabled() ? base + server.getHealthPath() + where : "off"));
        MicrometerPrometheus metrics = context.hasService(MicrometerPrometheus.class);
        lines.add("  metrics:  " + (server.isMetricsEnabled() && metrics != null ? base + metrics.getPath() + where : "off"));
        Set<String> resources = new TreeSet<>();
        boolean console = false;
        for (RestRegistry.RestService service : context.getRestRegistry().listAllRestServices()) {
            if (CONSOLE.equals(service.getBasePath())) {
                console = true; // its files, not API resources
                continue;
            }
            String template = service.getUriTemplate() == null ? "" : service.getUriTemplate();
            String first = template.replaceAll("^/?([^/]*).*$", "$1");
            resources.add(service.getBasePath() + (first.isEmpty() ? "" : "/" + first));
        }
        String token = config.isSet(API_TOKEN) ? "bearer token required" : "no token: loopback only";
        lines.add("  API:      " + (resources.isEmpty() ? "none (no REST routes loaded)"
                : base + String.join(", " + base, resources) + where + " (" + token + ")"));
        if (console) {
            lines.add("  console:  " + base + CONSOLE + "/" + where + " (the dead letters in a browser)");
        }
        return lines;
    }

    private static String schedule(ConfigReader config) {
        String cron = config.get(SCHEDULE_ENABLED) ? "cron " + config.get(SCHEDULE_CRON) : "no cron (wfm.schedule.enabled=false)";
        String first = config.get(SCHEDULE_RUN_AT_STARTUP)
                ? ", and a first run " + config.get(SCHEDULE_STARTUP_DELAY).toMillis() + " ms after the start" : "";
        return cron + first;
    }
}
