package org.wfmagentsync;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;

/**
 * Decides, before any route or bean is built, what the connector talks to: the built-in sandbox
 * when nothing is configured, or a real Genesys Cloud org, whose settings are then checked so a
 * missing one fails the start with its name.
 */
final class TargetResolver extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TargetResolver.class);

    private Sandbox sandbox;

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        String mode = value(properties, "wfm.mode").toLowerCase();
        boolean useSandbox = switch (mode) {
            case "sandbox" -> true;
            case "genesys" -> false;
            case "auto", "" -> value(properties, "genesys.client-id").isEmpty() && value(properties, "genesys.region").isEmpty()
                    && value(properties, "genesys.api-url").isEmpty();
            default -> throw new IllegalStateException("WFM_MODE must be auto, sandbox or genesys, got '" + mode + "'");
        };
        Map<String, String> resolved = useSandbox ? startSandbox(properties) : realOrg(properties);
        resolved.forEach(properties::addOverrideProperty);
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    private Map<String, String> realOrg(PropertiesComponent properties) {
        Map<String, String> resolved = new LinkedHashMap<>();
        String region = value(properties, "genesys.region");
        String apiUrl = value(properties, "genesys.api-url");
        String loginUrl = value(properties, "genesys.login-url");
        if (!region.isEmpty()) {
            GenesysRegion known = GenesysRegion.of(region);
            apiUrl = apiUrl.isEmpty() ? known.apiUrl() : apiUrl;
            loginUrl = loginUrl.isEmpty() ? known.loginUrl() : loginUrl;
        }
        List<String> missing = new ArrayList<>();
        if (apiUrl.isEmpty() || loginUrl.isEmpty()) {
            missing.add("GENESYS_REGION (or both GENESYS_API_URL and GENESYS_LOGIN_URL)");
        }
        for (String[] key : new String[][] {{"genesys.client-id", "GENESYS_CLIENT_ID"},
                {"genesys.client-secret", "GENESYS_CLIENT_SECRET"},
                {"genesys.presence-source-id", "GENESYS_PRESENCE_SOURCE_ID"},
                {"legacy.agents-url", "LEGACY_AGENTS_URL"}}) {
            if (value(properties, key[0]).isEmpty()) {
                missing.add(key[1]);
            }
        }
        refuseUserInfo("genesys.api-url", apiUrl);
        refuseUserInfo("genesys.login-url", loginUrl);
        refuseUserInfo("legacy.agents-url", value(properties, "legacy.agents-url"));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("cannot connect to Genesys Cloud: missing configuration " + String.join(", ", missing)
                    + " (set the environment variables or config/application.properties; leave all GENESYS_* unset to run"
                    + " against the built-in sandbox)");
        }
        resolved.put("genesys.api-url", stripSlash(apiUrl));
        resolved.put("genesys.login-url", stripSlash(loginUrl));
        LOG.info("target: Genesys Cloud at {} (login {})", URISupport.sanitizeUri(apiUrl), URISupport.sanitizeUri(loginUrl));
        return resolved;
    }

    private Map<String, String> startSandbox(PropertiesComponent properties) {
        SandboxSettings settings = SandboxSettings.fromProperties(key -> properties.resolveProperty(key).orElse(null));
        sandbox = Sandbox.start(settings);
        Path agentsFile = Path.of(value(properties, "sandbox.mapping-file"));
        try {
            sandbox.writeAgentMappingCsv(agentsFile);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the sandbox agent mapping " + agentsFile + ": " + e.getMessage(), e);
        }
        Map<String, String> resolved = new LinkedHashMap<>();
        resolved.put("genesys.api-url", sandbox.genesys().baseUrl());
        resolved.put("genesys.login-url", sandbox.genesys().baseUrl());
        resolved.put("genesys.client-id", settings.clientId());
        resolved.put("genesys.client-secret", settings.clientSecret());
        resolved.put("genesys.presence-source-id", settings.presenceSourceId());
        resolved.put("legacy.agents-url", sandbox.legacy().agentsUrl());
        resolved.put("wfm.mapping.agents-file", agentsFile.toString());
        // the simulated Genesys Cloud starts empty every time, so the connector's memory of what it
        // delivered there must too: the sandbox's state lives in memory and goes with it
        resolved.put("wfm.db.url", "jdbc:h2:mem:wfm-sandbox-" + UUID.randomUUID());
        LOG.warn("""

                ********************************************************************************
                *  SANDBOX MODE: no real Genesys Cloud is contacted.                           *
                *  Simulated legacy system: {}
                *  Simulated Genesys Cloud:  {}  (state: /sandbox/state)
                *  Set GENESYS_REGION, GENESYS_CLIENT_ID, ... to target a real org.            *
                ********************************************************************************""",
                sandbox.legacy().agentsUrl(), sandbox.genesys().baseUrl());
        return resolved;
    }

    /**
     * camel-http (HttpClient 5) never sends a user and password written into a URL; it fails every
     * call with a message that does not say why. Say it at start-up, without the password.
     */
    private static void refuseUserInfo(String key, String url) {
        int scheme = url.indexOf("://");
        int end = scheme + 3;
        while (scheme >= 0 && end < url.length() && "/?#".indexOf(url.charAt(end)) < 0) {
            end++;
        }
        String authority = scheme < 0 ? "" : url.substring(scheme + 3, end);
        if (authority.contains("@")) {
            throw new IllegalStateException(key + " has a user and password in it (" + URISupport.sanitizeUri(url)
                    + "), which camel-http does not send: give them as endpoint options instead, e.g. "
                    + "https://host/api/agents?authMethod=Basic&authenticationPreemptive=true&authUsername=USER"
                    + "&authPassword=RAW({{legacy.password}}) with the password in LEGACY_PASSWORD");
        }
    }

    private static String value(PropertiesComponent properties, String key) {
        return properties.resolveProperty(key).map(String::trim).orElse("");
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
