package org.wfmagentsync.bench;

import com.fasterxml.jackson.core.type.TypeReference;
import com.mypurecloud.sdk.v2.ApiClient;
import com.mypurecloud.sdk.v2.ApiException;
import com.mypurecloud.sdk.v2.ApiRequest;
import com.mypurecloud.sdk.v2.ApiRequestBuilder;
import com.mypurecloud.sdk.v2.api.EventsApi;
import com.mypurecloud.sdk.v2.connector.ApiClientConnectorProperty;
import com.mypurecloud.sdk.v2.connector.apache.ApacheHttpClientConnectorProvider;
import com.mypurecloud.sdk.v2.extensions.AuthResponse;
import com.mypurecloud.sdk.v2.model.BatchEventResponse;
import com.mypurecloud.sdk.v2.model.BatchUserPresenceEventRequest;
import com.mypurecloud.sdk.v2.model.EventError;
import com.mypurecloud.sdk.v2.model.UserPresenceEvent;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import org.apache.http.Header;
import org.apache.http.HttpResponse;
import org.apache.http.protocol.HttpContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What a developer writes with the official Java SDK: retries on, a plain loop of blocking calls, 100 events each. */
final class OfficialSdkStrategy implements Strategy {

    private static final Logger LOG = LoggerFactory.getLogger(OfficialSdkStrategy.class);
    private static final int BATCH = 100;

    @Override
    public String name() {
        return "official Java SDK, retries on, batches of 100";
    }

    @Override
    @SuppressWarnings("try") // ApiClient.close() is declared to throw Exception
    public Outcome run(Scenario scenario, Target target) throws Exception {
        long deadline = System.nanoTime() + scenario.timeCap().toNanos();
        List<Target.Event> events = target.events();
        long handled = 0;
        long resent = 0;
        try (ApiClient login = builder(target.loginUrl()).build();
             ApiClient api = builder(target.apiUrl()).withAccessToken(accessToken(login, target)).build()) {
            EventsApi eventsApi = new EventsApi(api);
            for (int from = 0; from < events.size(); from += BATCH) {
                if (System.nanoTime() >= deadline) {
                    LOG.info("{}: time cap reached after {} of {} events", name(), handled, events.size());
                    return new Outcome(true, handled, resent);
                }
                List<Target.Event> batch = events.subList(from, Math.min(events.size(), from + BATCH));
                BatchUserPresenceEventRequest request = request(batch);
                try {
                    logErrors(eventsApi.postEventsUsersPresence(request));
                } catch (ApiException e) {
                    if (e.getStatusCode() != 401) {
                        LOG.warn("{}: batch of {} failed: {} {}", name(), batch.size(), e.getStatusCode(),
                                e.getRawBody());
                    } else {
                        // The SDK does not renew client-credentials tokens: log in again and resend once.
                        try {
                            api.setAccessToken(accessToken(login, target));
                            resent++;
                            logErrors(eventsApi.postEventsUsersPresence(request));
                        } catch (ApiException | IOException again) {
                            LOG.warn("{}: batch of {} failed after a new login: {}", name(), batch.size(),
                                    again.toString());
                        }
                    }
                } catch (IOException e) {
                    LOG.warn("{}: batch of {} failed: {}", name(), batch.size(), e.toString());
                }
                handled += batch.size();
            }
        }
        return new Outcome(false, handled, resent);
    }

    /**
     * The SDK with its Apache HttpClient connector (the Netty one is excluded from this build) and retries on:
     * 429/502/503/504, honouring Retry-After, at most 5 retries within 5 minutes per call.
     */
    private static ApiClient.Builder builder(String basePath) {
        ApiClient.RetryConfiguration retry = new ApiClient.RetryConfiguration();
        retry.setMaxRetryTimeSec(300);
        retry.setRetryMax(5);
        return ApiClient.Builder.standard()
                .withBasePath(basePath)
                .withProperty(ApiClientConnectorProperty.CONNECTOR_PROVIDER, new ApacheHttpClientConnectorProvider())
                .withRetryConfiguration(retry)
                .withHttpResponseInterceptor(OfficialSdkStrategy::restoreRetryAfterCase);
    }

    /**
     * Not something a developer writes: the sandbox's JDK HTTP server sends {@code Retry-after}, and the SDK looks the
     * header up case-sensitively as {@code Retry-After} (else it waits 3 s), so this gives back the name Genesys uses.
     */
    private static void restoreRetryAfterCase(HttpResponse response, HttpContext context) {
        Header header = response.getFirstHeader("Retry-After"); // case-insensitive lookup
        if (header != null && !"Retry-After".equals(header.getName())) {
            response.removeHeaders("Retry-After");
            response.addHeader("Retry-After", header.getValue());
        }
    }

    /**
     * The request {@code ApiClient.authorizeClientCredentials} sends, to {@code loginUrl}: that method always posts
     * to {@code https://login.} + the base path after its first dot, which no loopback sandbox can answer.
     */
    private static String accessToken(ApiClient login, Target target) throws IOException, ApiException {
        String basic = Base64.getEncoder().encodeToString((target.clientId() + ":" + target.clientSecret())
                .getBytes(StandardCharsets.UTF_8));
        ApiRequest<Void> request = ApiRequestBuilder.create("POST", "/oauth/token")
                .withCustomHeader("Authorization", "Basic " + basic)
                .withCustomHeader("Content-Type", "application/x-www-form-urlencoded")
                .withFormParameter("grant_type", "client_credentials")
                .build();
        return login.invoke(request, new TypeReference<AuthResponse>() { }).getBody().getAccess_token();
    }

    private static BatchUserPresenceEventRequest request(List<Target.Event> batch) {
        List<UserPresenceEvent> events = new ArrayList<>(batch.size());
        for (Target.Event event : batch) {
            events.add(new UserPresenceEvent()
                    .eventId(event.eventId())
                    .eventDateTime(Date.from(OffsetDateTime.parse(event.eventDateTime()).toInstant()))
                    .userId(event.userId())
                    .sourceId(event.sourceId())
                    .presenceDefinitionId(event.presenceDefinitionId()));
        }
        return new BatchUserPresenceEventRequest().userPresenceEvents(events);
    }

    /** Per-event errors come back in a 200: the SDK hands them over and does nothing else, nor does this loop. */
    private void logErrors(BatchEventResponse response) {
        List<EventError> errors = response == null ? null : response.getErrors();
        if (errors == null || errors.isEmpty()) {
            return;
        }
        long retryable = errors.stream().filter(error -> Boolean.TRUE.equals(error.getRetryable())).count();
        LOG.warn("{}: {} events rejected ({} retryable), e.g. {}: {}", name(), errors.size(), retryable,
                errors.get(0).getEventId(), errors.get(0).getMessage());
    }
}
