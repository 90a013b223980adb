package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import com.mypurecloud.sdk.v2.model.OrganizationPresenceDefinition;
import com.mypurecloud.sdk.v2.model.OrganizationPresenceDefinitionEntityListing;
import com.mypurecloud.sdk.v2.model.User;
import com.mypurecloud.sdk.v2.model.UserEntityListing;
import com.mypurecloud.sdk.v2.model.UserSearchCriteria;
import com.mypurecloud.sdk.v2.model.UserSearchRequest;
import com.mypurecloud.sdk.v2.model.UsersSearchResponse;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.genesys.DirectoryJson;
import org.wfmagentsync.model.DirectoryUser;
import org.wfmagentsync.model.PresenceDefinition;
import org.wfmagentsync.sandbox.GenesysSimulator;
import org.wfmagentsync.sandbox.OrgPresences;
import org.wfmagentsync.sandbox.Sandbox;
import org.wfmagentsync.sandbox.SandboxSettings;
import org.wfmagentsync.sandbox.SandboxUsers;
import org.wfmagentsync.sandbox.WindowMode;

/**
 * The directory's shapes are the official SDK's: what the sandbox answers deserializes strictly into
 * {@code UserEntityListing}, {@code UsersSearchResponse} and {@code OrganizationPresenceDefinitionEntityListing},
 * a {@code UserSearchRequest} the SDK writes is understood, and the connector reads from those answers
 * what the SDK's models call the email, username, employee id, labels, system presence and deactivation.
 */
class DirectorySdkContractTest {

    private static final ObjectMapper STRICT = new ObjectMapper().registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void the_sandbox_answers_in_the_sdk_models_shapes_and_the_connector_reads_the_same_fields() throws Exception {
        try (Sandbox sandbox = Sandbox.start(SandboxSettings.builder().windowMode(WindowMode.OFF).legacyAgents(3).noLatency().build())) {
            GenesysSimulator genesys = sandbox.genesys();
            String token = token(genesys);
            DirectoryJson connector = new DirectoryJson(new ObjectMapper());

            String page = get(genesys, token, "/api/v2/users?" + DirectoryJson.usersQuery(2, 1));
            UserEntityListing listing = STRICT.readValue(page, UserEntityListing.class);
            assertEquals(3L, listing.getTotal());
            assertEquals(2, listing.getPageCount());
            User sdkUser = listing.getEntities().get(0);
            DirectoryJson.UsersPage read = connector.usersPage(page);
            assertEquals(new DirectoryUser(sdkUser.getId(), sdkUser.getName(), sdkUser.getEmail(), sdkUser.getUsername(),
                    sdkUser.getEmployerInfo().getEmployeeId()), read.users().get(0));
            assertEquals(SandboxUsers.employeeIdOf("A0001"), read.users().get(0).employeeId());
            assertEquals(true, read.more());
            assertEquals(false, connector.usersPage(get(genesys, token, "/api/v2/users?" + DirectoryJson.usersQuery(2, 2)))
                    .more());

            UserSearchCriteria byEmail = new UserSearchCriteria();
            byEmail.setType(UserSearchCriteria.TypeEnum.EXACT);
            byEmail.setFields(List.of("email"));
            byEmail.setValues(List.of(SandboxUsers.emailOf("A0002")));
            UserSearchRequest search = new UserSearchRequest();
            search.setQuery(List.of(byEmail));
            search.setExpand(List.of("employerInfo"));
            search.setPageSize(25);
            search.setPageNumber(1);
            UsersSearchResponse found = STRICT.readValue(post(genesys, token, "/api/v2/users/search",
                    new ObjectMapper().writeValueAsString(search)), UsersSearchResponse.class);
            assertEquals(1L, found.getTotal());
            assertEquals(SandboxUsers.userIdOf("A0002"), found.getResults().get(0).getId());

            for (String query : new String[] {"", "?deactivated=true"}) {
                String body = get(genesys, token, "/api/v2/presence/definitions" + query);
                OrganizationPresenceDefinitionEntityListing definitions = STRICT.readValue(body,
                        OrganizationPresenceDefinitionEntityListing.class);
                List<PresenceDefinition> ours = connector.presenceDefinitions(body);
                assertEquals(definitions.getEntities().size(), ours.size());
                for (int i = 0; i < ours.size(); i++) {
                    OrganizationPresenceDefinition sdk = definitions.getEntities().get(i);
                    assertEquals(new PresenceDefinition(sdk.getId(), sdk.getName(), sdk.getType().toString(),
                            sdk.getLanguageLabels(), sdk.getSystemPresence().toString(), sdk.getDeactivated()), ours.get(i));
                }
            }
            PresenceDefinition smoke = connector.presenceDefinitions(get(genesys, token,
                    "/api/v2/presence/definitions?deactivated=true")).get(0);
            assertEquals(new PresenceDefinition(OrgPresences.SMOKE_BREAK, "Smoke break", "User",
                    Map.of("en_US", "Smoke break"), "Break", true), smoke);
        }
    }

    private String token(GenesysSimulator genesys) throws IOException, InterruptedException {
        String basic = Base64.getEncoder().encodeToString((genesys.settings().clientId() + ":"
                + genesys.settings().clientSecret()).getBytes(StandardCharsets.UTF_8));
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(genesys.tokenUrl()))
                .header("Authorization", "Basic " + basic).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString("grant_type=client_credentials")).build(),
                HttpResponse.BodyHandlers.ofString());
        return new ObjectMapper().readTree(answer.body()).get("access_token").asText();
    }

    private String get(GenesysSimulator genesys, String token, String path) throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(genesys.baseUrl() + path))
                .header("Authorization", "Bearer " + token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }

    private String post(GenesysSimulator genesys, String token, String path, String body)
            throws IOException, InterruptedException {
        HttpResponse<String> answer = http.send(HttpRequest.newBuilder(URI.create(genesys.baseUrl() + path))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), answer.body());
        return answer.body();
    }
}
