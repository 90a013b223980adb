package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.cli.OperatorCli;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.ForcedResponse;
import org.wfmagentsync.sandbox.LegacySimulator;
import org.wfmagentsync.store.RunSummaryStore;

/**
 * Runs the connector with known, distinctive secrets through every path where one could slip out
 * (a normal run, a revoked token, a 400, an error page echoing the Authorization header, a second 401, the legacy system down with a password in
 * its URL, wrong client credentials, the API and the command line with right and wrong tokens),
 * then reads everything an operator or a scraper can see and looks for each secret in it.
 */
class SecretLeakTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    private final String unique = UUID.randomUUID().toString().replace("-", "").substring(0, 12);

    /** What the test saw, by where it saw it: each is scanned for every secret. */
    private final Map<String, String> seen = new LinkedHashMap<>();

    @Test
    void no_secret_or_token_appears_in_logs_errors_metrics_dead_letters_run_summaries_or_the_cli() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("client secret", "client-secret-" + unique);
        secrets.put("database password", "db-password-" + unique);
        secrets.put("API token", "api-token-" + unique);
        secrets.put("legacy password", "legacy-password-" + unique);
        secrets.put("wrong API token", "wrong-api-token-" + unique);
        secrets.put("basic credentials", Base64.getEncoder().encodeToString(("sandbox-client:" + secrets.get("client secret"))
                .getBytes(StandardCharsets.UTF_8)));
        int legacyPort = ConnectorHarness.freePort();
        // how the legacy system's credentials are given (README): Camel's endpoint options, not user:password@host
        // (a key named *password*, which Camel masks in its start-up summary, set through LEGACY_PASSWORD)
        String legacyUrl = "http://127.0.0.1:" + legacyPort + "/api/agents?authMethod=Basic&authenticationPreemptive=true"
                + "&authUsername=feed-user&authPassword=RAW({{legacy.password}})";

        try (CapturedLog log = CapturedLog.atDeploymentLevels();
                ConnectorHarness harness = ConnectorHarness.start(
                        sandbox -> sandbox.legacyAgents(20).legacyPort(legacyPort).clientSecret(secrets.get("client secret")),
                        Map.of("wfm.db.password", secrets.get("database password"),
                                "wfm.api.token", secrets.get("API token"),
                                "legacy.agents-url", legacyUrl,
                                "legacy.password", secrets.get("legacy password")))) {
            // a normal run
            RunSummary first = harness.runOnce();
            assertEquals(RunSummary.Outcome.SUCCEEDED, first.outcome(), first.toLogLine());
            assertEquals(20, first.delivered());

            // tokens revoked mid-run: a 401, a fresh token
            harness.sandbox.legacy().changeAgents(5);
            harness.sandbox.genesys().revokeAllTokens();
            assertEquals(RunSummary.Outcome.SUCCEEDED, harness.runOnce().outcome());

            // a 400 and then a second 401: dead letters with Genesys Cloud's answers
            harness.sandbox.legacy().changeAgents(3);
            harness.sandbox.genesys().failNextRequests(1, 400, "bad.request", Map.of());
            assertEquals(RunSummary.Outcome.PARTIAL, harness.runOnce().outcome());
            // a gateway's error page that echoes the request's Authorization header and a token answer
            secrets.put("echoed bearer token", "echoed-bearer-" + unique);
            secrets.put("echoed access token", "echoed-access-" + unique);
            harness.sandbox.legacy().changeAgents(3);
            harness.sandbox.genesys().failNextRequests(1, ForcedResponse.raw(400, Map.of(), "<html>400 Bad Request:"
                    + " header 'Authorization: Bearer " + secrets.get("echoed bearer token") + "' rejected; last token"
                    + " answer {\"access_token\":\"" + secrets.get("echoed access token") + "\"}</html>"));
            assertEquals(RunSummary.Outcome.PARTIAL, harness.runOnce().outcome());
            harness.sandbox.legacy().changeAgents(2);
            harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 401, "bad.credentials", Map.of());
            assertEquals(RunSummary.Outcome.PARTIAL, harness.runOnce().outcome());
            harness.sandbox.genesys().clearForcedResponses();

            // the legacy system down, with a password in its URL: the error names the URL, not the password
            harness.sandbox.legacy().setFault(LegacySimulator.Fault.DOWN);
            RunSummary down = harness.runOnce();
            harness.sandbox.legacy().setFault(LegacySimulator.Fault.NONE);
            assertEquals(RunSummary.Outcome.FAILED, down.outcome());
            assertTrue(down.error().contains("legacy system answered HTTP 503 for http://127.0.0.1:" + legacyPort
                    + "/api/agents"), down.error());

            List<DeadLetter> letters = harness.deadLetterStore().listAll(1000);
            assertTrue(letters.stream().anyMatch(l -> l.reason() == DeadLetterReason.REJECTED), "a 400 dead letter");
            assertTrue(letters.stream().anyMatch(l -> l.reason() == DeadLetterReason.AUTH_FAILED), "a 401 dead letter");

            exerciseApi(harness, secrets);
            exerciseCli(harness, secrets);
            secrets.put("bearer token", String.join("|", harness.sandbox.genesys().issuedTokens()));
            collectStores(harness);

            harness.stopConnector();
            seen.put("log", String.join("\n", log.lines()));
            collectJsonLog(log);
            collectFiles(harness.workDir);
        }

        List<String> tokens = List.of(secrets.remove("bearer token").split("\\|"));
        assertTrue(tokens.size() >= 2, "the runs used more than one bearer token: " + tokens.size());
        for (int i = 0; i < tokens.size(); i++) {
            secrets.put("bearer token " + (i + 1), tokens.get(i));
        }
        assertTrue(seen.get("log").contains("legacy system answered HTTP 503 for http://127.0.0.1:"), "the log names the URL");
        assertTrue(seen.get("JSON log, read back").contains("legacy system answered HTTP 503 for http://127.0.0.1:"),
                "the JSON log has the same lines");
        assertNothingLeaks(secrets);
    }

    @Test
    void wrong_client_credentials_are_reported_everywhere_without_the_secret() throws Exception {
        Map<String, String> secrets = new LinkedHashMap<>();
        secrets.put("wrong client secret", "wrong-client-secret-" + unique);
        secrets.put("basic credentials", Base64.getEncoder().encodeToString(("sandbox-client:" + secrets.get("wrong client secret"))
                .getBytes(StandardCharsets.UTF_8)));

        try (CapturedLog log = CapturedLog.atDeploymentLevels();
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                        Map.of("genesys.client-secret", secrets.get("wrong client secret")))) {
            RunSummary run = harness.runOnce();

            assertEquals(0, run.requests(), "no presence request without a token");
            DeadLetter letter = harness.openDeadLetters().get(0);
            assertEquals(DeadLetterReason.AUTH_FAILED, letter.reason());
            assertTrue(letter.detail().contains("GENESYS_CLIENT_SECRET"), letter.detail());
            collectStores(harness);
            seen.put("REST /api/dead-letters/export", get(harness, "/api/dead-letters/export?status=ALL", null).body());
            seen.put("/observe/metrics", get(harness, "/observe/metrics", null).body());
            harness.stopConnector();
            seen.put("log", String.join("\n", log.lines()));
            collectJsonLog(log);
        }
        assertTrue(seen.get("log").contains("GENESYS_CLIENT_SECRET"), "the log says what to fix");
        assertNothingLeaks(secrets);
    }

    @Test
    void a_password_written_into_a_url_is_refused_at_start_without_repeating_it() throws IOException {
        String password = "url-password-" + unique;
        try (CapturedLog log = CapturedLog.atDeploymentLevels()) {
            Exception refused = org.junit.jupiter.api.Assertions.assertThrows(Exception.class, () -> ConnectorHarness.start(
                    sandbox -> sandbox.legacyAgents(5),
                    Map.of("legacy.agents-url", "http://feed-user:" + password + "@127.0.0.1:1/api/agents")).close());

            String message = FullSyncTest.rootMessage(refused);
            assertTrue(message.contains("legacy.agents-url has a user and password in it (http://feed-user:xxxxxx@127.0.0.1:1")
                    && message.contains("authPassword=RAW({{legacy.password}})"), message);
            seen.put("start-up error", stackTrace(refused));
            seen.put("log", String.join("\n", log.lines()));
            collectJsonLog(log);
        }
        assertNothingLeaks(Map.of("URL password", password));
    }

    @Test
    void the_cli_masks_credentials_in_the_url_it_cannot_reach() {
        String password = "cli-password-" + unique;
        Cli down = cli("http://operator:" + password + "@127.0.0.1:" + ConnectorHarness.freePort(), Map.of(),
                "runs");

        assertEquals(OperatorCli.ERROR, down.exit);
        assertTrue(down.err.contains("cannot reach the connector at http://operator:xxxxxx@127.0.0.1:"), down.err);
        assertFalse(down.err.contains(password), down.err);
    }

    /** Every API call, with the right token, a wrong one and none. */
    private void exerciseApi(ConnectorHarness harness, Map<String, String> secrets) throws Exception {
        String token = secrets.get("API token");
        String wrong = secrets.get("wrong API token");
        List<String> paths = List.of("/api/dead-letters?status=ALL", "/api/dead-letters/export?status=ALL",
                "/api/runs?limit=1000");
        for (String path : paths) {
            seen.put("REST " + path, expect(200, get(harness, path, token)));
            seen.put("REST " + path + " wrong token", expect(401, get(harness, path, wrong)));
            seen.put("REST " + path + " no token", expect(401, get(harness, path, null)));
        }
        JsonNode list = JSON.readTree(seen.get("REST /api/dead-letters?status=ALL"));
        for (JsonNode item : list.path("items")) {
            String path = "/api/dead-letters/" + item.path("id").asText();
            seen.put("REST " + path, expect(200, get(harness, path, token)));
            seen.put("REST " + path + " wrong token", expect(401, get(harness, path, wrong)));
        }
        long rejected = harness.deadLetterStore().listOpen(100).stream()
                .filter(l -> l.reason() == DeadLetterReason.REJECTED).findFirst().orElseThrow().id();
        long authFailed = harness.deadLetterStore().listOpen(100).stream()
                .filter(l -> l.reason() == DeadLetterReason.AUTH_FAILED).findFirst().orElseThrow().id();
        seen.put("REST replay wrong token", expect(401, post(harness, "/api/dead-letters/" + authFailed + "/replay", wrong)));
        seen.put("REST replay", expect(200, post(harness, "/api/dead-letters/" + authFailed + "/replay", token)));
        seen.put("REST discard wrong token",
                expect(401, post(harness, "/api/dead-letters/" + rejected + "/discard?note=test", wrong)));
        seen.put("REST discard", expect(200, post(harness, "/api/dead-letters/" + rejected + "/discard?note=test", token)));
        seen.put("/observe/metrics", expect(200, get(harness, "/observe/metrics", null)));
        seen.put("/observe/health", expect(200, get(harness, "/observe/health", null)));
    }

    /** The operators' command line, with the token from its environment, and with a wrong one. */
    private void exerciseCli(ConnectorHarness harness, Map<String, String> secrets) {
        String url = "http://127.0.0.1:" + harness.property("camel.management.port");
        Map<String, String> env = Map.of("WFM_API_TOKEN", secrets.get("API token"));
        Map<String, String> wrongEnv = Map.of("WFM_API_TOKEN", secrets.get("wrong API token"));
        long id = harness.deadLetterStore().listAll(1).get(0).id();
        for (String[] command : new String[][] {{"deadletters", "list", "--status", "ALL"},
                {"deadletters", "show", Long.toString(id)}, {"deadletters", "export", "--status", "ALL"}, {"runs"}}) {
            Cli right = cli(url, env, command);
            assertEquals(OperatorCli.OK, right.exit, right.err);
            seen.put("CLI " + String.join(" ", command), right.out + right.err);
            Cli wrong = cli(url, wrongEnv, command);
            assertEquals(OperatorCli.ERROR, wrong.exit, wrong.out);
            seen.put("CLI " + String.join(" ", command) + " wrong token", wrong.out + wrong.err);
        }
    }

    /**
     * The same events as {@code WFM_LOG_FORMAT=json} writes them, each line checked to be one JSON object: as
     * written, and read back (the JSON line escapes {@code /}, so a secret with one would not show as written).
     */
    private void collectJsonLog(CapturedLog log) throws IOException {
        List<String> lines = log.jsonLines();
        StringBuilder read = new StringBuilder();
        for (String line : lines) {
            JsonNode object = JSON.readTree(line);
            assertTrue(object.isObject() && object.has("formattedMessage"), "not a JSON log line: " + line);
            read.append(object).append('\n');
        }
        seen.put("JSON log", String.join("\n", lines));
        seen.put("JSON log, read back", read.toString());
    }

    /** Dead letters with their attempts, and run summaries, as the stores hold them. */
    private void collectStores(ConnectorHarness harness) throws IOException {
        StringBuilder letters = new StringBuilder();
        for (DeadLetter letter : harness.deadLetterStore().listAll(100_000)) {
            letters.append(letter).append('\n').append(harness.deadLetterStore().attempts(letter.id())).append('\n');
        }
        seen.put("dead-letter store", letters.toString());
        RunSummaryStore runs = harness.context().getRegistry().lookupByNameAndType("runSummaryStore", RunSummaryStore.class);
        StringBuilder summaries = new StringBuilder();
        for (RunSummary summary : runs.latest(1000)) {
            summaries.append(summary).append('\n').append(summary.toLogLine()).append('\n');
        }
        seen.put("run-summary store", summaries.toString());
    }

    /** Whatever the connector wrote to disk: the state database and any trace file beside it. */
    private void collectFiles(Path dir) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                seen.put("file " + dir.relativize(file), new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1));
            }
        }
    }

    private void assertNothingLeaks(Map<String, String> secrets) {
        List<String> leaks = new ArrayList<>();
        seen.forEach((where, text) -> secrets.forEach((what, secret) -> {
            int at = text == null ? -1 : text.indexOf(secret);
            if (at >= 0) {
                String around = text.substring(Math.max(0, at - 160), Math.min(text.length(), at + secret.length() + 80));
                leaks.add(what + " in " + where + ": ..." + around.replace(secret, "<" + what + ">") + "...");
            }
        }));
        assertTrue(leaks.isEmpty(), "secrets leaked: " + leaks);
        assertTrue(seen.size() >= 2, "scanned " + seen.keySet());
    }

    private static String stackTrace(Throwable failure) {
        java.io.StringWriter text = new java.io.StringWriter();
        failure.printStackTrace(new java.io.PrintWriter(text));
        return text.toString();
    }

    private static String expect(int status, HttpResponse<String> response) {
        assertEquals(status, response.statusCode(), response.uri() + ": " + response.body());
        return response.body();
    }

    private HttpResponse<String> get(ConnectorHarness harness, String path, String token) throws Exception {
        return send(harness, "GET", path, token);
    }

    private HttpResponse<String> post(ConnectorHarness harness, String path, String token) throws Exception {
        return send(harness, "POST", path, token);
    }

    private HttpResponse<String> send(ConnectorHarness harness, String method, String path, String token)
            throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:"
                + harness.property("camel.management.port") + path)).method(method, HttpRequest.BodyPublishers.noBody());
        if (token != null) {
            request.header("Authorization", "Bearer " + token);
        }
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private record Cli(int exit, String out, String err) {
    }

    /** The command line in-process, against {@code url}, with {@code env} as its environment. */
    private static Cli cli(String url, Map<String, String> env, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(all.get(0).equals("deadletters") ? 2 : 1, List.of("--url", url));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OperatorCli.execute(all.toArray(String[]::new), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new Cli(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }
}
