package org.wfmagentsync.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The usual first workaround: one agent per request, one after another, {@code sleep(1000)} between calls. */
final class SleepPerAgentStrategy implements Strategy {

    private static final Logger LOG = LoggerFactory.getLogger(SleepPerAgentStrategy.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final long PAUSE_MS = 1000;

    @Override
    public boolean warmsUp() {
        return false; // it spends its time waiting, and a warm-up would take minutes
    }

    @Override
    public String name() {
        return "sleep(1000) per agent";
    }

    @Override
    public Outcome run(Scenario scenario, Target target) throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10)).build();
        long deadline = System.nanoTime() + scenario.timeCap().toNanos();
        String token = Token.fetch(http, target);
        List<Target.Event> events = target.events();
        long handled = 0;
        long failed = 0;
        for (Target.Event event : events) {
            long leftMs = Math.max(0, (deadline - System.nanoTime() + 999_999) / 1_000_000);
            if (handled > 0) {
                // The pause between calls is what this strategy is; a call it would make at the cap is not made.
                Thread.sleep(Math.min(PAUSE_MS, leftMs));
            }
            if (leftMs == 0 || handled > 0 && leftMs <= PAUSE_MS) {
                LOG.info("{}: time cap reached after {} of {} agents ({} not delivered)", name(), handled,
                        events.size(), failed);
                return new Outcome(true, handled, 0);
            }
            try {
                HttpResponse<String> answer = post(http, target, token, event);
                if (!delivered(answer)) {
                    failed++;
                    LOG.debug("{}: event {} not delivered: {} {}", name(), event.eventId(), answer.statusCode(),
                            answer.body());
                }
                if (answer.statusCode() == 401) {
                    token = refreshed(http, target, token); // for the next agent; this one is not sent again
                }
            } catch (InterruptedException e) {
                throw e;
            } catch (Exception e) {
                failed++;
                LOG.debug("{}: event {} not delivered: {}", name(), event.eventId(), e.toString());
            }
            handled++;
        }
        LOG.info("{}: all {} agents sent, {} not delivered", name(), handled, failed);
        return new Outcome(false, handled, 0);
    }

    /** A new token, or the old one when the login endpoint fails (the next 401 tries again). */
    private String refreshed(HttpClient http, Target target, String old) throws InterruptedException {
        try {
            return Token.fetch(http, target);
        } catch (InterruptedException e) {
            throw e;
        } catch (Exception e) {
            LOG.debug("{}: token refresh failed: {}", name(), e.toString());
            return old;
        }
    }

    private static HttpResponse<String> post(HttpClient http, Target target, String token, Target.Event event)
            throws IOException, InterruptedException {
        String body = JSON.writeValueAsString(Map.of("userPresenceEvents", List.of(event)));
        return http.send(HttpRequest.newBuilder(URI.create(target.apiUrl() + "/api/v2/events/users/presence"))
                .timeout(Duration.ofSeconds(60)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** A 200 whose body lists no per-event error (a listed error, retryable or not, means the event was lost). */
    private static boolean delivered(HttpResponse<String> answer) throws IOException {
        if (answer.statusCode() != 200) {
            return false;
        }
        JsonNode errors = JSON.readTree(answer.body()).path("errors");
        return !errors.isArray() || errors.isEmpty();
    }
}
