package org.wfmagentsync.api;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.ProducerTemplate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.wfmagentsync.deadletter.ReplayResult;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.store.DeadLetterPage;
import org.wfmagentsync.store.DeadLetterQuery;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.RunSummaryStore;
import org.wfmagentsync.support.LogFields;

/**
 * The JSON answers of the dead-letter and run REST API ({@code routes/api.camel.yaml}). The command
 * line prints the same answers, so both always agree.
 */
public class DeadLetterApi {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterApi.class);
    /** The two 401s: they say which of the two it was, and nothing of what was sent or of the token itself. */
    static final String NO_TOKEN = "this API needs 'Authorization: Bearer <WFM_API_TOKEN>'; the request had no bearer token";
    static final String WRONG_TOKEN = "the bearer token is not this connector's WFM_API_TOKEN";
    private static final String BEARER = "Bearer ";

    private final DeadLetterStore store;
    private final RunSummaryStore runs;
    private final ObjectMapper json;
    private final String token;
    private final ProducerTemplate template;

    /** {@code template} sends replays to the {@code replay} route. */
    public DeadLetterApi(DeadLetterStore store, RunSummaryStore runs, ObjectMapper json, String token,
            ProducerTemplate template) {
        this.store = store;
        this.runs = runs;
        this.json = json;
        this.token = token;
        this.template = template;
    }

    /**
     * Every call: the bearer token when one is configured. No bearer token (no header, another
     * scheme, an empty token) and a wrong one are told apart, as RFC 6750 does it. Without a token
     * (loopback only), a call must come from this machine by a loopback name, and a browser's from
     * a page of this same origin ({@link LoopbackCaller}).
     */
    public void authorize(Exchange exchange) {
        String header = exchange.getMessage().getHeader("Authorization", String.class);
        exchange.getMessage().removeHeader("Authorization");
        if (token.isEmpty()) {
            LoopbackCaller.require(exchange.getMessage().getHeader("Host", String.class),
                    exchange.getMessage().getHeader("Origin", String.class));
            return;
        }
        boolean bearer = header != null && header.regionMatches(true, 0, BEARER, 0, BEARER.length())
                && !header.substring(BEARER.length()).isBlank();
        if (!bearer) {
            throw ApiError.unauthorized(NO_TOKEN, "Bearer");
        }
        byte[] sent = header.substring(BEARER.length()).strip().getBytes(StandardCharsets.UTF_8);
        if (!MessageDigest.isEqual(token.getBytes(StandardCharsets.UTF_8), sent)) {
            throw ApiError.unauthorized(WRONG_TOKEN, "Bearer error=\"invalid_token\"");
        }
    }

    public String list(Exchange exchange) throws JsonProcessingException {
        DeadLetterPage page = store.page(query(exchange));
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("total", page.total());
        answer.put("limit", page.limit());
        answer.put("offset", page.offset());
        answer.put("items", page.items().stream().map(DeadLetterApi::summary).toList());
        return write(answer);
    }

    public String show(Exchange exchange) throws JsonProcessingException {
        DeadLetter entry = entry(exchange);
        Map<String, Object> answer = new LinkedHashMap<>(summary(entry));
        answer.put("userId", entry.userId());
        answer.put("eventId", entry.eventId());
        answer.put("event", readTree(entry.eventJson()));
        answer.put("responseBody", entry.responseBody());
        answer.put("firstAttemptAt", entry.firstAttemptAt());
        answer.put("closedAt", entry.closedAt());
        answer.put("closeNote", entry.closeNote());
        answer.put("attemptHistory", store.attempts(entry.id()));
        return write(answer);
    }

    public String replayOne(Exchange exchange) throws JsonProcessingException {
        return replay(List.of(entry(exchange).id()));
    }

    public String replayMatching(Exchange exchange) throws JsonProcessingException {
        DeadLetterQuery query = query(exchange);
        if (query.isUnfiltered() && !"true".equalsIgnoreCase(parameter(exchange, "all"))) {
            throw new ApiError(400, "replaying every open dead letter needs all=true; or filter by reason, kind,"
                    + " agentId, httpStatus, since or until");
        }
        return replay(store.ids(query));
    }

    public String discard(Exchange exchange) throws JsonProcessingException {
        DeadLetter entry = entry(exchange);
        String note = parameter(exchange, "note");
        if (note == null || note.isBlank()) {
            throw new ApiError(400, "discarding needs a reason: note=<why this entry will not be sent>");
        }
        if (!store.close(entry.id(), DeadLetterStatus.DISCARDED, note.trim())) {
            throw new ApiError(409, "dead letter " + entry.id() + " is " + entry.status() + ", not open: nothing to discard");
        }
        try (LogFields fields = LogFields.of(null, entry.agentId(), entry.kind())) {
            LOG.info("dead letter {} (agent {}) discarded: {}", entry.id(), entry.agentId(), note.trim());
        }
        return show(exchange);
    }

    /** Every matching entry, one JSON object per line, with its full context. */
    public String export(Exchange exchange) throws JsonProcessingException {
        DeadLetterQuery query = query(exchange).withPage(DeadLetterQuery.MAX_LIMIT, 0);
        StringBuilder lines = new StringBuilder();
        for (int offset = 0; ; offset += DeadLetterQuery.MAX_LIMIT) {
            List<DeadLetter> page = store.page(query.withPage(DeadLetterQuery.MAX_LIMIT, offset)).items();
            for (DeadLetter entry : page) {
                lines.append(json.writeValueAsString(entry)).append('\n');
            }
            if (page.size() < DeadLetterQuery.MAX_LIMIT) {
                return lines.toString();
            }
        }
    }

    public String runs(Exchange exchange) throws JsonProcessingException {
        String limit = parameter(exchange, "limit");
        int count;
        try {
            count = limit == null ? 20 : Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new ApiError(400, "limit must be a whole number, got '" + limit + "'");
        }
        if (count < 1 || count > 1000) {
            throw new ApiError(400, "limit must be between 1 and 1000, got " + count);
        }
        return write(Map.of("items", runs.latest(count)));
    }

    /** The API's error answer: status and {"error": message}, never a stack trace. */
    public String error(Exchange exchange) throws JsonProcessingException {
        Exception failure = exchange.getProperty(Exchange.EXCEPTION_CAUGHT, Exception.class);
        int status = failure instanceof ApiError api ? api.status()
                : failure instanceof DeadLetterQuery.BadFilter ? 400 : 500;
        if (status == 500) {
            LOG.error("dead-letter API failed: {}", failure == null ? "unknown" : failure.toString());
        }
        Message message = exchange.getMessage();
        message.setHeader(Exchange.HTTP_RESPONSE_CODE, status);
        message.setHeader(Exchange.CONTENT_TYPE, "application/json");
        if (failure instanceof ApiError api && api.challenge() != null) {
            message.setHeader("WWW-Authenticate", api.challenge());
        }
        return write(Map.of("error", failure == null ? "unknown error" : String.valueOf(failure.getMessage())));
    }

    private String replay(List<Long> ids) throws JsonProcessingException {
        if (ids.isEmpty()) {
            return write(new ReplayResult(null, 0, List.of(), List.of()));
        }
        Exchange done = template.request("direct:replay", exchange -> exchange.getMessage().setBody(ids));
        if (done.getException() != null) {
            String why = done.getException().getMessage();
            throw new ApiError(why != null && why.contains("in progress") ? 409 : 500, "replay did not run: " + why);
        }
        return write(done.getMessage().getBody(ReplayResult.class));
    }

    private DeadLetter entry(Exchange exchange) {
        String id = parameter(exchange, "id");
        try {
            long number = Long.parseLong(id);
            return store.find(number).orElseThrow(() -> new ApiError(404, "no dead letter " + number));
        } catch (NumberFormatException e) {
            throw new ApiError(400, "dead letter id must be a number, got '" + id + "'");
        }
    }

    private static DeadLetterQuery query(Exchange exchange) {
        return DeadLetterQuery.from(name -> parameter(exchange, name));
    }

    private static String parameter(Exchange exchange, String name) {
        return exchange.getMessage().getHeader(name, String.class);
    }

    private static Map<String, Object> summary(DeadLetter entry) {
        Map<String, Object> view = new LinkedHashMap<>();
        view.put("id", entry.id());
        view.put("status", entry.status());
        view.put("reason", entry.reason());
        // the kind of event the entry is about; null for an update that never became one (a bad row, an unmapped state)
        view.put("kind", entry.kind());
        view.put("agentId", entry.agentId());
        view.put("httpStatus", entry.httpStatus());
        view.put("attempts", entry.attempts());
        view.put("lastAttemptAt", entry.lastAttemptAt());
        view.put("runId", entry.runId());
        view.put("detail", entry.detail());
        return view;
    }

    private Object readTree(String text) {
        try {
            return json.readTree(text);
        } catch (JsonProcessingException notJson) {
            return text;
        }
    }

    private String write(Object answer) throws JsonProcessingException {
        return json.writeValueAsString(answer);
    }
}
