package org.wfmagentsync.directory;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.camel.Exchange;
import org.apache.camel.ProducerTemplate;
import org.wfmagentsync.genesys.DirectoryJson;
import org.wfmagentsync.model.DirectoryUser;
import org.wfmagentsync.model.PresenceDefinition;
import org.wfmagentsync.support.ForeignText;
import org.wfmagentsync.support.TlsFailure;

/**
 * Reads the org's directory from Genesys Cloud through the routes of {@code routes/directory.camel.yaml}:
 * every page of {@code GET /api/v2/users} (with the employee ids), and {@code GET
 * /api/v2/presence/definitions} twice, without and with {@code deactivated=true}, merged by id, so that
 * a deactivated definition is known (and named as such) whichever of the two lists it. A 401 drops the
 * token that got it and tries once more with a new one; any other failure names the call and the answer.
 */
public class DirectoryReader {

    static final String USERS_ROUTE = "direct:directory-users-page";
    static final String PRESENCES_ROUTE = "direct:directory-presence-definitions";
    /** More pages than this is an answer that never ends, not an org. */
    static final int MAX_PAGES = 5_000;

    private final ProducerTemplate template;
    private final DirectoryJson json;
    private final int pageSize;
    private final Supplier<String> authorization;
    private final Consumer<String> tokenRejected;

    /**
     * {@code authorization} gives the {@code Authorization} header (the token cache's bearer token);
     * {@code tokenRejected} is told the header Genesys Cloud answered 401 to.
     */
    public DirectoryReader(ProducerTemplate template, DirectoryJson json, int pageSize, Supplier<String> authorization,
            Consumer<String> tokenRejected) {
        this.template = template;
        this.json = json;
        this.pageSize = pageSize;
        this.authorization = authorization;
        this.tokenRejected = tokenRejected;
    }

    /** Every active user of the org. */
    List<DirectoryUser> users() throws DirectoryUnavailable {
        List<DirectoryUser> users = new ArrayList<>();
        for (int page = 1; page <= MAX_PAGES; page++) {
            String call = "GET /api/v2/users (page " + page + ")";
            DirectoryJson.UsersPage read;
            try {
                read = json.usersPage(get(USERS_ROUTE, call, DirectoryJson.usersQuery(pageSize, page)));
            } catch (IllegalArgumentException e) {
                throw new DirectoryUnavailable(call + ": " + e.getMessage());
            }
            users.addAll(read.users());
            if (!read.more()) {
                return users;
            }
        }
        throw new DirectoryUnavailable("GET /api/v2/users still had more pages after " + MAX_PAGES + " pages of "
                + pageSize + " users");
    }

    /** Every presence definition of the org, active and deactivated. */
    List<PresenceDefinition> presences() throws DirectoryUnavailable {
        Map<String, PresenceDefinition> byId = new LinkedHashMap<>();
        for (String query : new String[] {null, "deactivated=true"}) {
            String call = "GET /api/v2/presence/definitions" + (query == null ? "" : "?" + query);
            try {
                json.presenceDefinitions(get(PRESENCES_ROUTE, call, query))
                        .forEach(definition -> byId.merge(definition.id(), definition,
                                (first, again) -> first.deactivated() ? first : again));
            } catch (IllegalArgumentException e) {
                throw new DirectoryUnavailable(call + ": " + e.getMessage());
            }
        }
        return List.copyOf(byId.values());
    }

    private String get(String route, String call, String query) throws DirectoryUnavailable {
        for (int attempt = 1; ; attempt++) {
            String header;
            try {
                header = authorization.get();
            } catch (RuntimeException e) {
                throw new DirectoryUnavailable(call + " not sent: no access token (" + oneLine(e.getMessage()) + ")");
            }
            Exchange answered = template.request(route, exchange -> {
                exchange.getMessage().setHeader("Authorization", header);
                if (query != null) {
                    exchange.getMessage().setHeader(Exchange.HTTP_QUERY, query);
                }
            });
            Exception failure = answered.getException();
            if (failure != null) {
                throw new DirectoryUnavailable(call + " failed: " + TlsFailure.describe(failure, "Genesys Cloud API host")
                        .orElse(failure.getClass().getSimpleName() + ": " + oneLine(failure.getMessage())));
            }
            int status = answered.getMessage().getHeader(Exchange.HTTP_RESPONSE_CODE, 0, Integer.class);
            String body = answered.getMessage().getBody(String.class);
            if (status == 401 && attempt == 1) {
                tokenRejected.accept(header);
                continue;
            }
            if (status / 100 != 2) {
                String said = json.errorSummary(body);
                throw new DirectoryUnavailable(call + " answered HTTP " + status + (said == null ? "" : " (" + oneLine(said) + ")")
                        + (status == 403 ? ": the OAuth client's role may not read the org's users and presence"
                        + " definitions" : ""));
            }
            return body;
        }
    }

    private static String oneLine(String text) {
        return ForeignText.oneLine(text, "", 200);
    }
}
