package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.cli.OperatorCli;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.RunSummary;

/** Replay and discard are never open to anyone who can reach the port without the configured token. */
class ApiAccessTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void with_a_token_configured_every_api_call_needs_it() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of("wfm.api.token", "t0ken-for-test"))) {
            String base = "http://127.0.0.1:" + harness.property("camel.management.port");

            HttpResponse<String> without = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dead-letters"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> wrong = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dead-letters/1/discard"))
                    .header("Authorization", "Bearer guess").POST(HttpRequest.BodyPublishers.noBody()).build(),
                    HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> right = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dead-letters"))
                    .header("Authorization", "Bearer t0ken-for-test").build(), HttpResponse.BodyHandlers.ofString());

            assertEquals(401, without.statusCode());
            assertTrue(without.body().contains("Authorization: Bearer"), without.body());
            assertEquals(401, wrong.statusCode());
            assertEquals(200, right.statusCode(), right.body());
        }
    }

    @Test
    void exposing_the_port_beyond_loopback_without_a_token_is_refused_at_start() {
        Exception refused = assertThrows(Exception.class, () -> ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5),
                Map.of("camel.management.host", "0.0.0.0")).close());

        String message = FullSyncTest.rootMessage(refused);
        assertTrue(message.contains("not loopback") && message.contains("WFM_API_TOKEN"), message);
    }

    @Test
    void without_the_token_no_dead_letter_call_answers_and_replay_and_discard_change_nothing() throws Exception {
        String token = "t0ken-" + System.nanoTime();
        String guess = "guess-" + System.nanoTime();
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3),
                Map.of("wfm.api.token", token))) {
            harness.sandbox.genesys().failNextRequests(1, 400, "bad.request", Map.of());
            assertEquals(RunSummary.Outcome.PARTIAL, harness.runOnce().outcome());
            long id = harness.openDeadLetters().get(0).id();
            long requestsBefore = harness.sandbox.genesys().counters().requests();
            String base = "http://127.0.0.1:" + harness.property("camel.management.port");
            List<String[]> calls = List.of(new String[] {"GET", "/api/dead-letters"},
                    new String[] {"GET", "/api/dead-letters/export"}, new String[] {"GET", "/api/dead-letters/" + id},
                    new String[] {"GET", "/api/runs"}, new String[] {"POST", "/api/dead-letters/" + id + "/replay"},
                    new String[] {"POST", "/api/dead-letters/replay?all=true"},
                    new String[] {"POST", "/api/dead-letters/" + id + "/discard?note=nobody"});

            // issue 12: a missing bearer token and a wrong one are told apart, still with fixed bodies
            String noToken = "{\"error\":\"this API needs 'Authorization: Bearer <WFM_API_TOKEN>'; the request had no"
                    + " bearer token\"}";
            String wrongToken = "{\"error\":\"the bearer token is not this connector's WFM_API_TOKEN\"}";
            Map<String, String> expected = new HashMap<>();
            expected.put(null, noToken);
            expected.put("Basic " + token, noToken);
            expected.put(token, noToken);
            expected.put("Bearer ", noToken);
            expected.put("Bearer " + guess, wrongToken);
            expected.put("Bearer " + token + "x", wrongToken);
            for (String[] call : calls) {
                for (Map.Entry<String, String> authorization : expected.entrySet()) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + call[1]))
                            .method(call[0], HttpRequest.BodyPublishers.noBody());
                    if (authorization.getKey() != null) {
                        request.header("Authorization", authorization.getKey());
                    }
                    HttpResponse<String> answer = http.send(request.build(), HttpResponse.BodyHandlers.ofString());
                    String what = call[0] + " " + call[1] + " with " + authorization.getKey();
                    assertEquals(401, answer.statusCode(), what + ": " + answer.body());
                    assertEquals(authorization.getValue(), answer.body(), what + " answers a fixed body, echoing nothing");
                    assertEquals(authorization.getValue().equals(noToken) ? "Bearer" : "Bearer error=\"invalid_token\"",
                            answer.headers().firstValue("WWW-Authenticate").orElse(null), what);
                }
            }

            DeadLetter still = harness.deadLetterStore().find(id).orElseThrow();
            assertEquals(DeadLetterStatus.OPEN, still.status(), "neither replayed nor discarded");
            assertEquals(requestsBefore, harness.sandbox.genesys().counters().requests(), "nothing was re-sent");
        }
    }

    /**
     * Without a token a browser on this machine could be made to call the API by any site it opens:
     * a post from another origin, or a site that rebinds its own name to 127.0.0.1, is refused and
     * changes nothing; the connector's own console (same origin) and programs (no Origin) are answered.
     */
    @Test
    void without_a_token_a_call_from_another_site_or_to_another_host_name_is_refused() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3), Map.of())) {
            harness.sandbox.genesys().failNextRequests(1, 400, "bad.request", Map.of());
            harness.runOnce();
            long id = harness.openDeadLetters().get(0).id();
            int port = Integer.parseInt(harness.property("camel.management.port"));
            String base = "http://127.0.0.1:" + port;

            HttpResponse<String> otherSite = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dead-letters/" + id
                    + "/discard?note=forged")).header("Origin", "https://attacker.example")
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
            String rebound = raw(port, "POST /api/dead-letters/replay?all=true HTTP/1.1\r\nHost: attacker.example:" + port
                    + "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
            HttpResponse<String> ownPage = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dead-letters"))
                    .header("Origin", base).build(), HttpResponse.BodyHandlers.ofString());
            HttpResponse<String> program = http.send(HttpRequest.newBuilder(URI.create(base + "/api/dead-letters"))
                    .build(), HttpResponse.BodyHandlers.ofString());
            String byLocalhost = raw(port, "GET /api/runs HTTP/1.1\r\nHost: localhost:" + port
                    + "\r\nConnection: close\r\n\r\n");

            assertEquals(403, otherSite.statusCode(), otherSite.body());
            assertTrue(otherSite.body().contains("another site"), otherSite.body());
            assertTrue(rebound.startsWith("HTTP/1.1 403"), rebound);
            assertTrue(rebound.contains("loopback name"), rebound);
            assertEquals(200, ownPage.statusCode(), ownPage.body());
            assertEquals(200, program.statusCode(), program.body());
            assertTrue(byLocalhost.startsWith("HTTP/1.1 200"), byLocalhost);
            assertEquals(DeadLetterStatus.OPEN, harness.deadLetterStore().find(id).orElseThrow().status(),
                    "neither discarded nor replayed");
        }
    }

    /** One request written as is (the JDK's client will not send another Host), and the whole answer. */
    private static String raw(int port, String request) throws IOException {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void the_command_line_tells_a_missing_token_from_a_wrong_one() {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3),
                Map.of("wfm.api.token", "t0ken-for-test"))) {
            harness.runOnce();
            String url = "http://127.0.0.1:" + harness.property("camel.management.port");

            String[] missing = cli(url, Map.of());
            String[] wrong = cli(url, Map.of("WFM_API_TOKEN", "guess"));
            String[] right = cli(url, Map.of("WFM_API_TOKEN", "t0ken-for-test"));

            assertEquals("2", missing[0]);
            assertEquals("error: the connector needs a token: set WFM_API_TOKEN to the one it was started with\n",
                    missing[1]);
            assertEquals("2", wrong[0]);
            assertEquals("error: the connector refused the token in WFM_API_TOKEN: it is not the one the connector was"
                    + " started with\n", wrong[1]);
            assertEquals("0", right[0], right[1]);
        }
    }

    /** {@code runs --json} in-process: the exit code and what it printed on stderr. */
    private static String[] cli(String url, Map<String, String> env) {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = OperatorCli.execute(new String[] {"runs", "--url", url, "--json"},
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), env);
        return new String[] {Integer.toString(exit), err.toString(StandardCharsets.UTF_8)};
    }

    /**
     * Reads the kernel's table of listening sockets rather than connecting to this machine's other
     * addresses: test traffic stays on loopback.
     */
    @Test
    void by_default_the_management_port_listens_on_loopback_only() throws Exception {
        Path tcp4 = Path.of("/proc/net/tcp");
        Path tcp6 = Path.of("/proc/net/tcp6");
        Assumptions.assumeTrue(Files.isReadable(tcp4), "no /proc/net/tcp on this system: cannot read listening sockets");
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3), Map.of())) {
            int port = Integer.parseInt(harness.property("camel.management.port"));

            List<String> listening = listeners(tcp4, port);
            if (Files.isReadable(tcp6)) {
                listening = new java.util.ArrayList<>(listening);
                listening.addAll(listeners(tcp6, port));
            }

            // 127.0.0.1, as an IPv4 socket or an IPv4-mapped IPv6 one (::ffff:127.0.0.1); never 0.0.0.0 or ::
            List<String> loopback = List.of("0100007F", "0000000000000000FFFF00000100007F");
            assertTrue(!listening.isEmpty() && loopback.containsAll(listening), "listening addresses (hex, as the"
                    + " kernel lists them) for port " + port + ": " + listening);
        }
    }

    /** Local addresses of the sockets in LISTEN state (0A) on this port, from a /proc/net/tcp-style table. */
    private static List<String> listeners(Path table, int port) throws IOException {
        String portHex = String.format("%04X", port);
        return Files.readAllLines(table).stream().skip(1).map(String::trim).map(line -> line.split("\\s+"))
                .filter(fields -> fields.length > 3 && fields[3].equals("0A") && fields[1].endsWith(":" + portHex))
                .map(fields -> fields[1].substring(0, fields[1].indexOf(':'))).toList();
    }
}
