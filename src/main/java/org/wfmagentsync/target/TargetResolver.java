package org.wfmagentsync.target;

import static org.wfmagentsync.config.ConnectorConfig.GENESYS_API_URL;
import static org.wfmagentsync.config.ConnectorConfig.GENESYS_CLIENT_ID;
import static org.wfmagentsync.config.ConnectorConfig.GENESYS_CLIENT_SECRET;
import static org.wfmagentsync.config.ConnectorConfig.GENESYS_LOGIN_URL;
import static org.wfmagentsync.config.ConnectorConfig.GENESYS_PRESENCE_SOURCE_ID;
import static org.wfmagentsync.config.ConnectorConfig.GENESYS_PRESENCE_SOURCE_NAME;
import static org.wfmagentsync.config.ConnectorConfig.GENESYS_REGION;
import static org.wfmagentsync.config.ConnectorConfig.LEGACY_AGENTS_URL;
import static org.wfmagentsync.config.ConnectorConfig.MODE;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.camel.main.BaseMainSupport;
import org.apache.camel.main.MainListenerSupport;
import org.apache.camel.spi.PropertiesComponent;
import org.apache.camel.util.URISupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.config.ConfigKey;
import org.wfmagentsync.config.ConfigReader;
import org.wfmagentsync.genesys.GenesysRegion;
import org.wfmagentsync.support.Credentials;

/**
 * Decides, before any route or bean is built, what the connector talks to: a real Genesys Cloud
 * org, whose settings are then checked so a missing one fails the start with its name (the presence
 * source by id or by name, one of the two), or a
 * {@link SandboxTarget} when one is on the class path (the quick start) and {@link TargetChoice}
 * says so.
 */
public final class TargetResolver extends MainListenerSupport {

    private static final Logger LOG = LoggerFactory.getLogger(TargetResolver.class);

    private final Map<String, String> environment;
    private final Supplier<Optional<SandboxTarget>> sandboxes;
    private SandboxTarget.Running sandbox;
    private String target = "";

    /** Reads the process environment and finds a sandbox with {@link SandboxTarget#installed()}. */
    public TargetResolver() {
        this(System.getenv(), SandboxTarget::installed);
    }

    TargetResolver(Map<String, String> environment, Supplier<Optional<SandboxTarget>> sandboxes) {
        this.environment = Map.copyOf(environment);
        this.sandboxes = sandboxes;
    }

    @Override
    public void beforeConfigure(BaseMainSupport main) {
        PropertiesComponent properties = main.getCamelContext().getPropertiesComponent();
        ConfigReader config = new ConfigReader(properties);
        Optional<SandboxTarget> provider = sandboxes.get();
        TargetChoice choice = TargetChoice.decide(config.get(MODE), provider.isPresent(), environment,
                key -> properties.resolveProperty(key).map(String::trim).orElse(""));
        Map<String, String> resolved = choice.sandbox() ? startSandbox(provider.orElseThrow(), properties)
                : realOrg(config, choice.hint());
        resolved.forEach(properties::addOverrideProperty);
    }

    /** What the connector talks to, for the start-up summary: the org's hosts, or the sandbox's; empty before the start. No secret. */
    public String target() {
        return target;
    }

    @Override
    public void afterStop(BaseMainSupport main) {
        if (sandbox != null) {
            sandbox.close();
            sandbox = null;
        }
    }

    private Map<String, String> realOrg(ConfigReader config, String hint) {
        Map<String, String> resolved = new LinkedHashMap<>();
        String region = config.get(GENESYS_REGION);
        String apiUrl = config.get(GENESYS_API_URL);
        String loginUrl = config.get(GENESYS_LOGIN_URL);
        if (!region.isEmpty()) {
            GenesysRegion known = GenesysRegion.of(region);
            apiUrl = apiUrl.isEmpty() ? known.apiUrl() : apiUrl;
            loginUrl = loginUrl.isEmpty() ? known.loginUrl() : loginUrl;
        }
        List<String> missing = new ArrayList<>();
        List<String> missingKeys = new ArrayList<>();
        if (apiUrl.isEmpty() || loginUrl.isEmpty()) {
            missing.add("GENESYS_REGION (or both GENESYS_API_URL and GENESYS_LOGIN_URL)");
            missingKeys.add(GENESYS_REGION.name() + " (or " + GENESYS_API_URL.name() + " and " + GENESYS_LOGIN_URL.name() + ")");
        }
        for (ConfigKey<String> key : List.of(GENESYS_CLIENT_ID, GENESYS_CLIENT_SECRET)) {
            if (!config.isSet(key)) {
                missing.add(key.environmentVariable());
                missingKeys.add(key.name());
            }
        }
        boolean sourceById = config.isSet(GENESYS_PRESENCE_SOURCE_ID);
        boolean sourceByName = config.isSet(GENESYS_PRESENCE_SOURCE_NAME);
        if (!sourceById && !sourceByName) {
            missing.add(GENESYS_PRESENCE_SOURCE_ID.environmentVariable() + " (or "
                    + GENESYS_PRESENCE_SOURCE_NAME.environmentVariable() + ")");
            missingKeys.add(GENESYS_PRESENCE_SOURCE_ID.name() + " (or " + GENESYS_PRESENCE_SOURCE_NAME.name() + ")");
        }
        if (!config.isSet(LEGACY_AGENTS_URL)) {
            missing.add(LEGACY_AGENTS_URL.environmentVariable());
            missingKeys.add(LEGACY_AGENTS_URL.name());
        }
        refuseUserInfo(GENESYS_API_URL.name(), apiUrl);
        refuseUserInfo(GENESYS_LOGIN_URL.name(), loginUrl);
        refuseUserInfo(LEGACY_AGENTS_URL.name(), config.get(LEGACY_AGENTS_URL));
        if (!missing.isEmpty()) {
            throw new IllegalStateException("cannot connect to Genesys Cloud: missing configuration " + String.join(", ", missing)
                    + " (set the environment variables, or the keys " + String.join(", ", missingKeys)
                    + " in the settings: config/application.properties, or etc/org.wfmagentsync.cfg in Karaf; " + hint + ")");
        }
        if (sourceById && sourceByName) {
            throw new IllegalStateException("both " + GENESYS_PRESENCE_SOURCE_ID.environmentVariable() + " and "
                    + GENESYS_PRESENCE_SOURCE_NAME.environmentVariable() + " are set: name the presence source one way,"
                    + " by its id or by its name (found or created at start-up)");
        }
        resolved.put("genesys.api-url", stripSlash(apiUrl));
        resolved.put("genesys.login-url", stripSlash(loginUrl));
        target = "Genesys Cloud " + Credentials.maskUrl(stripSlash(apiUrl)) + " (login " + Credentials.maskUrl(stripSlash(loginUrl))
                + ")";
        return resolved;
    }

    private Map<String, String> startSandbox(SandboxTarget target, PropertiesComponent properties) {
        // the sandbox sees its own settings only
        Function<String, String> sandboxSettings = key -> key.startsWith("sandbox.") ? properties.resolveProperty(key).orElse(null) : null;
        sandbox = target.start(sandboxSettings);
        SandboxTarget.Endpoints endpoints = sandbox.endpoints();
        Map<String, String> resolved = new LinkedHashMap<>();
        resolved.put("genesys.api-url", endpoints.apiUrl());
        resolved.put("genesys.login-url", endpoints.loginUrl());
        resolved.put("genesys.client-id", endpoints.clientId());
        resolved.put("genesys.client-secret", endpoints.clientSecret());
        resolved.put("genesys.presence-source-id", endpoints.presenceSourceId());
        resolved.put("genesys.presence-source-name", ""); // the sandbox names its source by id
        resolved.put("legacy.agents-url", endpoints.agentsUrl());
        resolved.put("wfm.mapping.agents-file", endpoints.agentsFile().toString());
        // the simulated Genesys Cloud starts empty every time, so the connector's memory of what it
        // delivered there must too: the sandbox's state lives in memory and goes with it
        resolved.put("wfm.db.url", "jdbc:h2:mem:wfm-sandbox-" + UUID.randomUUID());
        this.target = "the sandbox's simulated Genesys Cloud " + endpoints.apiUrl() + " (no real org is contacted)";
        StringBuilder banner = new StringBuilder("""

                ********************************************************************************
                *  SANDBOX MODE: no real Genesys Cloud is contacted.                           *
                """);
        sandbox.banner().lines().forEach(line -> banner.append("*  ").append(line).append('\n'));
        banner.append("""
                *  Set GENESYS_REGION, GENESYS_CLIENT_ID, ... to target a real org.            *
                ********************************************************************************""");
        LOG.warn("{}", banner);
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

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }
}
