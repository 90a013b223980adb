package org.wfmagentsync.config;

import static org.wfmagentsync.config.ConfigTypes.blankMeans;
import static org.wfmagentsync.config.ConfigTypes.bool;
import static org.wfmagentsync.config.ConfigTypes.cron;
import static org.wfmagentsync.config.ConfigTypes.daysOfWeek;
import static org.wfmagentsync.config.ConfigTypes.decimal;
import static org.wfmagentsync.config.ConfigTypes.httpStatuses;
import static org.wfmagentsync.config.ConfigTypes.millis;
import static org.wfmagentsync.config.ConfigTypes.oneOf;
import static org.wfmagentsync.config.ConfigTypes.text;
import static org.wfmagentsync.config.ConfigTypes.textList;
import static org.wfmagentsync.config.ConfigTypes.timeOfDay;
import static org.wfmagentsync.config.ConfigTypes.wholeNumber;
import static org.wfmagentsync.config.ConfigTypes.zone;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.Set;

/**
 * Every key of the connector's own ({@code wfm.*}, {@code genesys.*}, {@code legacy.*},
 * {@code sandbox.mapping-file}), in groups, in the order of {@code config/application.properties}:
 * the one definition of each key's type, default, documentation and validation. The simulator's
 * other {@code sandbox.*} keys are the sandbox's; {@code camel.*} keys are Camel's ({@link CamelKeys}).
 */
public final class ConnectorConfig {

    private static final ConfigDef DEFINITION = new ConfigDef();

    private static final ConfigGroup TARGET = DEFINITION.group("Target: the built-in sandbox or a real Genesys Cloud org");

    public static final ConfigKey<String> MODE = TARGET.define("wfm.mode",
            blankMeans("auto", oneOf("auto", "sandbox", "genesys")), "auto",
            "auto: the sandbox when the quick start provides one and no GENESYS_* or LEGACY_* setting is"
                    + " present, the real org otherwise; sandbox: the quick start's sandbox; genesys: the real org"
                    + " only (the container image sets it).");
    public static final ConfigKey<String> GENESYS_REGION = TARGET.define("genesys.region", text("region code"), "",
            "Genesys Cloud region, e.g. us-east-1 or eu-west-1; sets both the API and the login host.");
    public static final ConfigKey<String> GENESYS_API_URL = TARGET.define("genesys.api-url", text("URL"), "",
            "Explicit API base URL (overrides the region's), e.g. https://api.mypurecloud.com.");
    public static final ConfigKey<String> GENESYS_LOGIN_URL = TARGET.define("genesys.login-url", text("URL"), "",
            "Explicit login base URL (overrides the region's), e.g. https://login.mypurecloud.com.");
    public static final ConfigKey<String> GENESYS_CLIENT_ID = TARGET.define("genesys.client-id", text(), "",
            "OAuth client-credentials client id.");
    public static final ConfigKey<String> GENESYS_CLIENT_SECRET = TARGET.defineSecret("genesys.client-secret", true,
            "OAuth client secret: set it through GENESYS_CLIENT_SECRET, never in a file.");
    public static final ConfigKey<String> GENESYS_PRESENCE_SOURCE_ID = TARGET.define("genesys.presence-source-id",
            text(), "", "The org's external presence source, by id: checked at start-up (GET"
                    + " /api/v2/presence/sources/{id}). Set it or genesys.presence-source-name, not both.");
    public static final ConfigKey<String> GENESYS_PRESENCE_SOURCE_NAME = TARGET.define(
            "genesys.presence-source-name", text(), "", "The org's external presence source, by name instead of id:"
                    + " found among the org's sources at start-up, or created (POST /api/v2/presence/sources, permission"
                    + " presence:source:add). An org has one external source.");
    public static final ConfigKey<Duration> GENESYS_TOKEN_REFRESH_MARGIN = TARGET.define(
            "genesys.token-refresh-margin-ms", millis(), "60000",
            "Milliseconds before a token's expiry at which it is refreshed.");

    private static final ConfigGroup LEGACY = DEFINITION.group("Legacy system");

    public static final ConfigKey<String> LEGACY_AGENTS_URL = LEGACY.define("legacy.agents-url", text("URL"), "",
            "URL of the legacy agent list (GET, JSON; format in docs/setup.md). Basic auth goes in Camel's endpoint"
                    + " options, never as user:password@host (refused at start-up), e.g."
                    + " https://acd.example.com/api/agents?authMethod=Basic&authenticationPreemptive=true"
                    + "&authUsername=wfm&authPassword=RAW({{legacy.password}}).");
    public static final ConfigKey<String> LEGACY_PASSWORD = LEGACY.defineSecret("legacy.password", false,
            "The legacy system's password, for a legacy.agents-url that refers to it: set it through"
                    + " LEGACY_PASSWORD, never in a file.");
    public static final ConfigKey<Duration> LEGACY_FUTURE_TOLERANCE = LEGACY.define("legacy.future-tolerance-ms",
            millis(), "300000", "Milliseconds a row's changedAt may lie ahead of this host's clock (clock skew) before"
                    + " the row is dead-lettered as INVALID_RECORD: a future-dated state would hide every real change"
                    + " until then.");

    private static final ConfigGroup SCHEDULE = DEFINITION.group("Schedule");

    public static final ConfigKey<String> SCHEDULE_CRON = SCHEDULE.define("wfm.schedule.cron", cron(), "0 0/5 * * * ?",
            "Quartz cron of the sync (seconds first); the default is every 5 minutes.");
    public static final ConfigKey<Boolean> SCHEDULE_ENABLED = SCHEDULE.define("wfm.schedule.enabled", bool(), "true",
            "Turn the cron trigger off with false (runs then come only from start-up or replays).");
    public static final ConfigKey<Boolean> SCHEDULE_RUN_AT_STARTUP = SCHEDULE.define("wfm.schedule.run-at-startup",
            bool(), "true", "Run once as soon as the connector has started, without waiting for the cron.");
    public static final ConfigKey<Duration> SCHEDULE_STARTUP_DELAY = SCHEDULE.define("wfm.schedule.startup-delay-ms",
            millis(), "1000", "Milliseconds after start-up before that first run.");

    private static final ConfigGroup MAPPING = DEFINITION.group("Mapping",
            "Files operations staff edit; re-read when they change, no restart needed.");

    public static final ConfigKey<String> MAPPING_AGENTS_FILE = MAPPING.define("wfm.mapping.agents-file",
            text("file path"), "config/agents.csv", "Legacy agent id -> Genesys user id.");
    public static final ConfigKey<String> MAPPING_STATES_FILE = MAPPING.define("wfm.mapping.states-file",
            text("file path"), "config/states.csv", "Legacy state (and reason) -> Genesys presence definition id.");
    public static final ConfigKey<String> MAPPING_LEGACY_ID_IS = MAPPING.define("wfm.mapping.legacy-id-is",
            oneOf("none", "genesysUserId", "email", "username", "employeeId"), "none",
            "What a legacy agent id is when agents.csv does not list the agent: none (the agent is dead-lettered as"
                    + " UNMAPPED), or the Genesys user's genesysUserId, email, username or employeeId, looked up in"
                    + " the org's directory. With one, agents.csv may be left out.");

    private static final ConfigGroup DIRECTORY = DEFINITION.group("Org directory",
            "Users (GET /api/v2/users) and presence definitions (GET /api/v2/presence/definitions), read when the"
                    + " mapping names a user by email, username or employee id or a presence by system presence or"
                    + " label; kept in the state database, read in the background, never waited for beyond"
                    + " wfm.directory.run-wait-ms.");

    public static final ConfigKey<Duration> DIRECTORY_REFRESH_INTERVAL = DIRECTORY.define(
            "wfm.directory.refresh-interval-ms", millis(1000, Integer.MAX_VALUE), "900000",
            "How often the directory is read again (15 minutes by default): a user added to the org maps from the"
                    + " first run after it.");
    public static final ConfigKey<Duration> DIRECTORY_MIN_INTERVAL = DIRECTORY.define("wfm.directory.min-interval-ms",
            millis(0, Integer.MAX_VALUE), "60000", "The least time between two reads other than the schedule's: after"
                    + " a failed read, and when Genesys Cloud answers an event with an unknown user.");
    public static final ConfigKey<Duration> DIRECTORY_RUN_WAIT = DIRECTORY.define("wfm.directory.run-wait-ms",
            millis(0, Integer.MAX_VALUE), "3000", "The longest a run waits for a read under way before it maps with"
                    + " the last good directory (or, before the first read, dead-letters what it would name as"
                    + " UNMAPPED).");
    public static final ConfigKey<Integer> DIRECTORY_PAGE_SIZE = DIRECTORY.define("wfm.directory.page-size",
            wholeNumber(1, 500), "100", "Users per page of GET /api/v2/users.");
    public static final ConfigKey<Set<String>> DIRECTORY_UNKNOWN_USER_ANSWERS = DIRECTORY.define(
            "wfm.directory.unknown-user-answers", textList(), "user not found", "Texts (any case) of a per-event error"
                    + " that mean Genesys Cloud does not know the event's user; such an answer asks for a new read of"
                    + " the directory. Genesys Cloud publishes no list of these messages: add what your org answers.");

    private static final ConfigGroup PUSH = DEFINITION.group("Push: batching, concurrency and rate",
            "Requests in flight are limited adaptively (AIMD): the limit grows by about one per round trip while"
                    + " requests succeed and shrinks on a capacity signal (409 capacity conflict, 429).");

    /** More than 100 events per request is always refused by {@code POST /api/v2/events/users/presence}. */
    public static final ConfigKey<Integer> PUSH_BATCH_SIZE = PUSH.define("wfm.push.batch-size", wholeNumber(1, 100),
            "100", "Events per request (100 is the API's maximum).");
    public static final ConfigKey<Integer> PUSH_MAX_CONCURRENT = PUSH.define("wfm.push.max-concurrent",
            wholeNumber(1, 256), "10", "The most requests ever in flight at once (the adaptive limit's ceiling);"
                    + " twice it bounds the batches under way.");
    public static final ConfigKey<Integer> PUSH_INITIAL_CONCURRENT = PUSH.define("wfm.push.initial-concurrent",
            wholeNumber(1, 256), "10", "Where the limit starts each run outside the publishing window (held to"
                    + " wfm.push.max-concurrent when above it).");
    public static final ConfigKey<Double> PUSH_BACKOFF_RATIO = PUSH.define("wfm.push.backoff-ratio",
            decimal(Range.open(0, 1)), "0.3", "What a capacity rejection multiplies the limit by. Deep on purpose:"
                    + " the session limit drops in a step when a schedule publishes, and a shallow cut lands above the"
                    + " new limit and takes a second rejection (docs/BENCHMARKS.md, scenario 3: 0.3 against 0.5)."
                    + " Raise it (0.5-0.7) for a tenant whose limit moves by small steps.");
    public static final ConfigKey<Integer> PUSH_PROBE_ROUND_TRIPS = PUSH.define("wfm.push.probe-round-trips",
            wholeNumber(1, 100_000), "32", "Round trips without rejection before the limit tries again a level that"
                    + " was refused.");
    public static final ConfigKey<Duration> PUSH_LEARNED_LIMIT_STEP = PUSH.define("wfm.push.learned-limit-step-ms",
            millis(), "3600000", "A run starts from the concurrency earlier runs learned about the tenant (kept in the"
                    + " state database, shared by instances on it), not from wfm.push.initial-concurrent: the level that"
                    + " worked below the last capacity conflict, plus one for each this long since that conflict, up to"
                    + " the configured level (the window's inside it). Within the first step a run does not probe above"
                    + " it. 0: every run starts from the configured level.");
    public static final ConfigKey<Integer> PUSH_RATE_PER_MINUTE = PUSH.define("wfm.push.rate-per-minute",
            wholeNumber(1, 1_000_000), "300", "Requests per minute for this client, retries included, a ceiling;"
                    + " Genesys Cloud's default limit is 300. A 429's Retry-After pauses every request until the time"
                    + " it names.");

    private static final ConfigGroup WINDOW = DEFINITION.group("Publishing window",
            "The weekly WFM schedule publishing, when the session limit drops: runs inside it start from a lower"
                    + " concurrency.");

    public static final ConfigKey<String> WINDOW_MODE = WINDOW.define("wfm.window.mode", oneOf("schedule", "on", "off"),
            "schedule", "schedule: the days and times below; on: always inside; off: never.");
    public static final ConfigKey<Set<DayOfWeek>> WINDOW_DAYS = WINDOW.define("wfm.window.days", daysOfWeek(),
            "TUESDAY", "Days of the week of the window, comma-separated.");
    public static final ConfigKey<LocalTime> WINDOW_START = WINDOW.define("wfm.window.start", timeOfDay(), "09:00",
            "Start of the window, local time in wfm.window.zone.");
    public static final ConfigKey<LocalTime> WINDOW_END = WINDOW.define("wfm.window.end", timeOfDay(), "10:00",
            "End of the window (after its start), local time in wfm.window.zone.");
    public static final ConfigKey<ZoneId> WINDOW_ZONE = WINDOW.define("wfm.window.zone", zone(), "America/Chicago",
            "Time zone of the window's start and end.");
    public static final ConfigKey<Integer> WINDOW_INITIAL_CONCURRENT = WINDOW.define("wfm.window.initial-concurrent",
            wholeNumber(1, 256), "3", "Where the limit starts each run inside the window.");

    private static final ConfigGroup RETRY = DEFINITION.group("Retry policy",
            "How failed requests are retried (routes/error-policy.camel.yaml).");

    public static final ConfigKey<Integer> RETRY_MAX_REDELIVERIES = RETRY.define("wfm.retry.max-redeliveries",
            wholeNumber(0, 1000), "10", "Attempts per event after the first (redeliveries of its batch and later"
                    + " rounds together).");
    public static final ConfigKey<Duration> RETRY_INITIAL_DELAY = RETRY.define("wfm.retry.initial-delay-ms", millis(),
            "100", "First backoff delay in milliseconds.");
    public static final ConfigKey<Double> RETRY_BACKOFF_MULTIPLIER = RETRY.define("wfm.retry.backoff-multiplier",
            decimal(Range.atLeast(1)), "2", "Each further delay is this many times the previous one (plus or minus"
                    + " up to 15% collision avoidance).");
    public static final ConfigKey<Duration> RETRY_MAX_DELAY = RETRY.define("wfm.retry.max-delay-ms", millis(), "30000",
            "Ceiling of one backoff delay in milliseconds (Retry-After may ask for more and is honoured).");
    public static final ConfigKey<Set<String>> RETRY_CONFLICT_CODES = RETRY.define("wfm.retry.conflict-codes",
            textList(), "SCHEDULE_CONFLICT", "409 error codes that mean \"capacity, try again\" rather than a real"
                    + " data conflict; * for every 409.");
    public static final ConfigKey<Set<Integer>> RETRY_STATUSES = RETRY.define("wfm.retry.statuses", httpStatuses(),
            "429,502,503,504", "Other HTTP statuses that are retried.");
    public static final ConfigKey<Integer> RETRY_BUDGET_CAPACITY = RETRY.define("wfm.retry.budget.capacity",
            wholeNumber(0, 1_000_000), "500", "Tokens the retry budget holds and starts with (a token bucket, as in"
                    + " the AWS SDK's standard mode).");
    public static final ConfigKey<Integer> RETRY_BUDGET_RETRY_COST = RETRY.define("wfm.retry.budget.retry-cost",
            wholeNumber(1, 1_000_000), "5", "Tokens a retry request costs; a successful first attempt puts 1 back"
                    + " and a successful retry its cost. A retry the budget cannot pay for is dead-lettered as"
                    + " RETRY_BUDGET_EXHAUSTED.");

    private static final ConfigGroup DATABASE = DEFINITION.group("State database",
            "Delivered states, dead letters, run summaries.");

    public static final ConfigKey<String> DB_URL = DATABASE.define("wfm.db.url", text("JDBC URL"),
            "jdbc:h2:file:./data/wfm-agent-sync", "JDBC URL; embedded H2 in ./data by default (one connector"
                    + " process), or PostgreSQL (jdbc:postgresql://host:5432/database, user and password in WFM_DB_USER"
                    + " and WFM_DB_PASSWORD, not in the URL), which several instances may share (see wfm.node-name)."
                    + " Flyway creates or updates the schema at start."
                    + " For H2, unless the URL sets them, the connector adds WRITE_DELAY=0 (a commit is on disk"
                    + " before it returns, so a killed process loses nothing it stored) and DB_CLOSE_ON_EXIT=FALSE"
                    + " (the connector closes the database itself after its routes have stopped).");
    public static final ConfigKey<String> DB_USER = DATABASE.define("wfm.db.user", text(), "sa", "Database user.");
    public static final ConfigKey<String> DB_PASSWORD = DATABASE.defineSecret("wfm.db.password", true,
            "Database password: set it through WFM_DB_PASSWORD.");
    public static final ConfigKey<String> NODE_NAME = DATABASE.define("wfm.node-name", text("name"), "",
            "This instance's name in run summaries and the run log line; empty: the host name and the process id."
                    + " On a PostgreSQL state database several instances may run for failover: one sync per cron fire"
                    + " across them, one run (sync or replay) at a time, one rate budget per client token; give each its"
                    + " own name and all the same camel.main.name.");
    public static final ConfigKey<Integer> RUNS_KEEP = DATABASE.define("wfm.runs.keep", wholeNumber(1, 100_000), "1000",
            "Run summaries kept.");

    private static final ConfigGroup SANDBOX = DEFINITION.group("Sandbox",
            "Used when wfm.mode resolves to sandbox. The simulator's own sandbox.* keys belong to the sandbox.");

    public static final ConfigKey<String> SANDBOX_MAPPING_FILE = SANDBOX.define("sandbox.mapping-file",
            text("file path"), "data/sandbox-agents.csv",
            "Where the sandbox writes its agent mapping (its agents are not in config/agents.csv).");

    private static final ConfigGroup OPERATIONS = DEFINITION.group("Dead letters, replay and the operations API",
            "The REST API is routes/api.camel.yaml, on the management server.");

    public static final ConfigKey<Boolean> DEADLETTER_REDRIVE = OPERATIONS.define("wfm.deadletter.redrive", bool(),
            "false", "Re-send open dead letters with a passing cause (CONFLICT_EXHAUSTED, RETRIES_EXHAUSTED,"
                    + " RETRY_BUDGET_EXHAUSTED, AUTH_FAILED) on the next run by themselves; false: they wait for a"
                    + " replay.");
    public static final ConfigKey<Integer> DEADLETTER_DEGRADED_THRESHOLD = OPERATIONS.define(
            "wfm.deadletter.degraded-threshold", wholeNumber(0, Integer.MAX_VALUE), "100",
            "/observe/health reports DEGRADED (still UP) above this many open dead letters.");
    public static final ConfigKey<Duration> REPLAY_WAIT = OPERATIONS.define("wfm.replay.wait-ms", millis(), "30000",
            "Milliseconds a replay waits for a sync run in progress to end before it answers 409.");
    public static final ConfigKey<String> API_TOKEN = OPERATIONS.defineSecret("wfm.api.token", true,
            "Bearer token the REST API requires (set it through WFM_API_TOKEN); required when the management host"
                    + " is not loopback.");

    private ConnectorConfig() {
    }

    /** Every connector key, in groups. */
    public static ConfigDef definition() {
        return DEFINITION;
    }
}
