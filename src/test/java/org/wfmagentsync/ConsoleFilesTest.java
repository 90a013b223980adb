package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.EventKind;

/**
 * The console's files come from the management port, with their types and a policy that keeps the
 * page to its own origin, without a token (they hold no data), and nothing else is reachable
 * through them. The page's filter choices are the API's.
 */
class ConsoleFilesTest {

    private final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();

    @Test
    void the_page_and_its_files_are_served_with_their_types_without_a_token() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3),
                Map.of("wfm.api.token", "t0ken-for-test"))) {
            String base = ManagementApi.base(harness);

            HttpResponse<String> bare = get(base + "/console");
            HttpResponse<String> page = get(base + "/console/");
            HttpResponse<String> script = get(base + "/console/console.js");
            HttpResponse<String> style = get(base + "/console/console.css");

            assertEquals(308, bare.statusCode(), "the page's links are relative to /console/");
            assertEquals("console/", bare.headers().firstValue("Location").orElse(null));
            assertEquals(200, page.statusCode(), page.body());
            assertEquals("text/html; charset=utf-8", page.headers().firstValue("Content-Type").orElse(null));
            assertTrue(page.body().contains("<title>Dead letters"), page.body());
            assertEquals("text/javascript; charset=utf-8", script.headers().firstValue("Content-Type").orElse(null));
            assertEquals("text/css; charset=utf-8", style.headers().firstValue("Content-Type").orElse(null));
            for (HttpResponse<String> file : List.of(page, script, style)) {
                assertEquals(200, file.statusCode(), file.uri() + ": " + file.body());
                assertEquals("nosniff", file.headers().firstValue("X-Content-Type-Options").orElse(null));
                assertTrue(file.headers().firstValue("Content-Security-Policy").orElse("")
                        .contains("frame-ancestors 'none'"), file.uri() + " may not be framed by another site");
            }
            assertEquals(401, get(base + "/api/dead-letters").statusCode(), "the data still needs the token");
        }
    }

    @Test
    void no_other_file_and_no_request_header_comes_back_through_the_console() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3), Map.of())) {
            String base = ManagementApi.base(harness);
            List<String> refused = List.of("/console/missing.js", "/console/..%2Fapi%2Fdead-letters",
                    "/console/%2e%2e%2fconfig%2fapplication.properties", "/console/..%5Capplication.properties",
                    "/console/logback.xml", "/console/index.html%00.js", "/console/Index.html",
                    "/console/..%2F..%2Forg%2Fwfmagentsync%2Fcli%2Fbuild.properties");

            for (String path : refused) {
                HttpResponse<String> answer = get(base + path);
                // 404 from the console, or 400 where the HTTP server refuses the address itself
                assertTrue(answer.statusCode() == 404 || answer.statusCode() == 400, path + ": " + answer.statusCode()
                        + " " + answer.body());
                for (String leaked : List.of("<!DOCTYPE", "\"items\"", "camel.", "<configuration", "version=")) {
                    assertFalse(answer.body().contains(leaked), path + " gave another resource: " + answer.body());
                }
            }
            assertTrue(get(base + "/console/missing.js").body().contains("the console has no file 'missing.js'"));
            HttpResponse<String> probed = http.send(HttpRequest.newBuilder(URI.create(base + "/console/?probe=echo"))
                    .header("X-Probe", "echo").build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, probed.statusCode());
            assertTrue(probed.headers().map().keySet().stream().noneMatch(name -> name.equalsIgnoreCase("X-Probe")
                    || name.equalsIgnoreCase("probe")), probed.headers().map().toString());
        }
    }

    @Test
    void the_pages_filter_choices_are_the_apis_values() throws IOException {
        String page;
        try (InputStream in = ConsoleFilesTest.class.getClassLoader().getResourceAsStream("console/index.html")) {
            page = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }

        assertEquals(names(DeadLetterReason.values()), options(page, "f-reason"));
        assertEquals(names(EventKind.values()), options(page, "f-kind"));
        // OPEN is the API's default (the empty choice), ALL its word for any status
        assertEquals(Stream.concat(Stream.of("ALL"), Arrays.stream(DeadLetterStatus.values())
                .filter(status -> status != DeadLetterStatus.OPEN).map(Enum::name)).toList(), options(page, "f-status"));
    }

    private HttpResponse<String> get(String url) throws IOException, InterruptedException {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static List<String> names(Enum<?>[] values) {
        return Arrays.stream(values).map(Enum::name).toList();
    }

    /** The non-empty option values of one select of the page. */
    private static List<String> options(String page, String select) {
        Matcher block = Pattern.compile("<select id=\"" + select + "\"[^>]*>(.*?)</select>", Pattern.DOTALL).matcher(page);
        assertTrue(block.find(), "no select " + select);
        Matcher option = Pattern.compile("<option value=\"([^\"]*)\"").matcher(block.group(1));
        List<String> values = new java.util.ArrayList<>();
        while (option.find()) {
            if (!option.group(1).isEmpty()) {
                values.add(option.group(1));
            }
        }
        return values;
    }
}
