package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.RunSummary;

/**
 * Certificate verification is on for every outbound call: the legacy system and Genesys Cloud (login
 * and API) behind a real HTTPS server with a self-signed certificate are refused with an error that
 * says so, the same servers are reached once their certificate is in a configured trust store, and a
 * setting that would turn verification off stops the start.
 */
class TlsVerificationTest {

    private static Path dir;
    private static Path keyStore;

    @BeforeAll
    static void certificate() throws Exception {
        dir = Files.createTempDirectory("wfm-tls-");
        keyStore = HttpsProxy.selfSignedKeyStore(dir);
    }

    @AfterAll
    static void cleanUp() throws Exception {
        Files.deleteIfExists(keyStore);
        Files.deleteIfExists(dir);
    }

    @Test
    void an_untrusted_legacy_certificate_fails_the_run_with_an_error_saying_so_and_nothing_is_fetched() throws Exception {
        int legacyPort = ConnectorHarness.freePort();
        try (HttpsProxy legacy = new HttpsProxy(keyStore, "http://127.0.0.1:" + legacyPort);
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10).legacyPort(legacyPort),
                        Map.of("legacy.agents-url", legacy.baseUrl() + "/api/agents"))) {
            long tokensAtStartUp = harness.sandbox.genesys().counters().tokensIssued(); // the presence source check's
            RunSummary run = harness.runOnce();

            assertEquals(RunSummary.Outcome.FAILED, run.outcome());
            assertTrue(run.error().startsWith("legacy system's TLS certificate was not trusted, so nothing was sent"),
                    run.error());
            assertTrue(run.error().contains("camel.ssl.trust-store"), "says how to trust a private CA: " + run.error());
            assertEquals(0, legacy.forwarded(), "no request got past the handshake");
            assertEquals(0, harness.sandbox.legacy().pollCount());
            assertEquals(tokensAtStartUp, harness.sandbox.genesys().counters().tokensIssued(), "the run fetched no token");
        }
    }

    @Test
    void an_untrusted_genesys_certificate_fails_the_run_saying_so_and_sends_nothing() throws Exception {
        int genesysPort = ConnectorHarness.freePort();
        try (HttpsProxy genesys = new HttpsProxy(keyStore, "http://127.0.0.1:" + genesysPort);
                ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10)
                        .genesysPort(genesysPort), Map.of("genesys.api-url", genesys.baseUrl(),
                        "genesys.login-url", genesys.baseUrl()))) {
            RunSummary run = harness.runOnce();

            // the token is fetched before anything is sent: no token, no request, and the next run tries again
            assertEquals(RunSummary.Outcome.FAILED, run.outcome(), run.toLogLine());
            assertTrue(run.error().contains("Genesys Cloud login host's TLS certificate was not trusted"), run.error());
            assertTrue(run.error().contains("camel.ssl.trust-store"), "says how to trust a private CA: " + run.error());
            assertEquals(0, run.delivered());
            assertEquals(0, run.requests());
            assertTrue(harness.openDeadLetters().isEmpty(), "nothing was sent, so nothing needs a replay");
            assertEquals(0, genesys.forwarded(), "neither the client secret nor an event got past the handshake");
            assertEquals(0, harness.sandbox.genesys().counters().tokensIssued());
            assertTrue(harness.sandbox.genesys().state().isEmpty());
        }
    }

    @Test
    void with_the_certificate_in_a_configured_trust_store_the_same_https_calls_succeed() throws Exception {
        int legacyPort = ConnectorHarness.freePort();
        int genesysPort = ConnectorHarness.freePort();
        try (HttpsProxy legacy = new HttpsProxy(keyStore, "http://127.0.0.1:" + legacyPort);
                HttpsProxy genesys = new HttpsProxy(keyStore, "http://127.0.0.1:" + genesysPort)) {
            Map<String, String> properties = new HashMap<>();
            properties.put("legacy.agents-url", legacy.baseUrl() + "/api/agents");
            properties.put("genesys.api-url", genesys.baseUrl());
            properties.put("genesys.login-url", genesys.baseUrl());
            // the documented way to trust a private CA (README): a trust store for camel-http
            properties.put("camel.ssl.enabled", "true");
            properties.put("camel.ssl.trust-store", "file:" + keyStore.toAbsolutePath());
            properties.put("camel.ssl.trust-store-password", HttpsProxy.PASSWORD);
            properties.put("camel.component.https.use-global-ssl-context-parameters", "true");
            try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(10)
                    .legacyPort(legacyPort).genesysPort(genesysPort), properties)) {
                RunSummary run = harness.runOnce();

                assertEquals(RunSummary.Outcome.SUCCEEDED, run.outcome(), run.toLogLine());
                assertEquals(10, run.delivered());
                assertEquals(harness.expectedPresenceByUser(), harness.actualPresenceByUser());
                assertTrue(legacy.forwarded() >= 1 && genesys.forwarded() >= 2, "the feed, the token and the events went"
                        + " over HTTPS: legacy " + legacy.forwarded() + ", genesys " + genesys.forwarded());
            }
        }
    }

    @Test
    void trusting_every_certificate_is_refused_at_start() {
        Map<String, String> trustAll = Map.of("camel.ssl.enabled", "true", "camel.ssl.trust-all-certificates", "true",
                "camel.component.https.use-global-ssl-context-parameters", "true");

        Exception refused = assertThrows(Exception.class,
                () -> ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5), trustAll).close());

        String message = FullSyncTest.rootMessage(refused);
        assertTrue(message.contains("TLS certificate verification cannot be turned off")
                && message.contains("TrustAllTrustManager") && message.contains("camel.ssl.trust-store"), message);
    }

    @Test
    void skipping_the_host_name_check_is_refused_at_start() {
        Map<String, String> noHostCheck = Map.of("camel.component.https.x509-hostname-verifier",
                "#class:org.apache.hc.client5.http.ssl.NoopHostnameVerifier");

        Exception refused = assertThrows(Exception.class,
                () -> ConnectorHarness.start(sandbox -> sandbox.legacyAgents(5), noHostCheck).close());

        String message = FullSyncTest.rootMessage(refused);
        assertTrue(message.contains("TLS certificate verification cannot be turned off")
                && message.contains("NoopHostnameVerifier"), message);
    }
}
