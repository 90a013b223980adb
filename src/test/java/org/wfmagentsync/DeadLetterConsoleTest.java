package org.wfmagentsync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.wfmagentsync.model.DeadLetter;
import org.wfmagentsync.model.DeadLetterReason;
import org.wfmagentsync.model.DeadLetterStatus;
import org.wfmagentsync.model.EventKind;
import org.wfmagentsync.model.RunSummary;
import org.wfmagentsync.sandbox.AgentState;
import org.wfmagentsync.sandbox.SandboxUsers;
import org.wfmagentsync.store.DeadLetterQuery;
import org.wfmagentsync.store.DeadLetterStore;
import org.wfmagentsync.store.RunSummaryStore;

/**
 * The dead-letter console in a real browser (headless Chromium) against the connector on the
 * sandbox: a supervisor goes from the list to an entry, replays it, replays a filtered set and
 * discards another, with the keyboard where a person would, and every screen is checked against
 * the dead-letter store and the run history. Each screen's screenshot goes to
 * {@code target/console-screenshots/}, or where {@code -Dconsole.screenshots} says
 * ({@code docs/console} for the README's pictures).
 */
class DeadLetterConsoleTest {

    private static final Duration BOUND = Duration.ofSeconds(20);
    private static final Path SCREENSHOTS = Path.of(System.getProperty("console.screenshots",
            "target/console-screenshots"));
    private static final int AGENTS = 6;
    private static ChromeDriver browser;

    /** Per test, not once per class: a skip or a failure for a missing browser is then reported on each test, with its reason. */
    @BeforeEach
    void startBrowser() {
        HeadlessChromium.requireInstalled();
        if (browser == null) {
            browser = HeadlessChromium.start();
        }
    }

    @AfterAll
    static void stopBrowser() {
        if (browser != null) {
            browser.quit();
        }
    }

    @Test
    void a_supervisor_lists_opens_replays_and_discards_and_every_screen_agrees_with_the_store() throws Exception {
        String token = "console-t0ken-" + System.nanoTime();
        Map<String, String> settings = new HashMap<>(ConnectorHarness.BOTH_KINDS);
        settings.put("wfm.api.token", token);
        settings.put("wfm.retry.max-redeliveries", "1");
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(AGENTS), settings)) {
            String rejectedAgent = deadLetters(harness);
            DeadLetterStore store = harness.deadLetterStore();
            String console = ManagementApi.base(harness) + "/console";

            // the page asks for the token, refuses a wrong one, and keeps the right one in this tab only
            browser.get(console);
            WebElement tokenField = waitVisible("token");
            assertTrue(browser.getCurrentUrl().endsWith("/console/"), browser.getCurrentUrl());
            tokenField.sendKeys("not-the-token", Keys.ENTER);
            waitText("token-error", "refused that token");
            waitVisible("token").sendKeys(token, Keys.ENTER);

            // the list: every open entry, newest first, as the store has them
            waitRows(ids(store, Map.of()));
            assertEquals(String.valueOf(store.openCount()), byId("list-count").getDomAttribute("data-total"));
            HeadlessChromium.screenshot(browser, SCREENSHOTS, "list");

            // filters, typed and chosen with the keyboard: reason, then kind and agent
            new Select(byId("f-reason")).selectByValue("REJECTED");
            byId("f-agent").sendKeys(Keys.ENTER);
            waitRows(ids(store, Map.of("reason", "REJECTED")));
            byId("clear-filters").click();
            waitRows(ids(store, Map.of()));
            String agent = SandboxUsers.agentId(0, AGENTS);
            new Select(byId("f-kind")).selectByValue("PRESENCE");
            byId("f-agent").sendKeys(agent, Keys.ENTER);
            List<Long> presenceOfAgent = ids(store, Map.of("kind", "PRESENCE", "agentId", agent));
            waitRows(presenceOfAgent);
            assertEquals(1, presenceOfAgent.size(), "the agent's one presence entry");

            // an entry: its fields, its attempt history and the original event, as stored
            long id = presenceOfAgent.get(0);
            DeadLetter entry = store.find(id).orElseThrow();
            browser.findElement(By.cssSelector("#list-table a[href='#/dead-letters/" + id + "']")).click();
            waitText("detail-title", "Dead letter " + id);
            assertEquals(entry.reason().name(), field("reason"));
            assertEquals(entry.agentId(), field("agentId"));
            assertEquals(entry.eventId(), field("eventId"));
            assertEquals(String.valueOf(entry.attempts()), field("attempts"));
            assertEquals(store.attempts(id).size(), browser.findElements(By.cssSelector("#attempts tbody tr")).size());
            assertTrue(byId("event-json").getText().contains("\"eventId\" : \"" + entry.eventId() + "\"")
                    || byId("event-json").getText().contains("\"eventId\": \"" + entry.eventId() + "\""),
                    byId("event-json").getText());
            HeadlessChromium.screenshot(browser, SCREENSHOTS, "detail");

            // replay one: Escape cancels and sends nothing; Enter confirms
            byId("replay-one").click();
            waitOpen("replay-dialog");
            assertEquals("replay-confirm", focused(), "the dialog's confirm button has the focus");
            HeadlessChromium.screenshot(browser, SCREENSHOTS, "replay");
            browser.switchTo().activeElement().sendKeys(Keys.ESCAPE);
            waitClosed("replay-dialog");
            assertEquals("replay-one", focused(), "focus goes back to the button that opened the dialog");
            assertEquals("solid 3px", browser.executeScript("const style = getComputedStyle(document.activeElement);"
                    + " return style.outlineStyle + ' ' + style.outlineWidth"), "the focused button shows its focus");
            assertEquals(DeadLetterStatus.OPEN, store.find(id).orElseThrow().status(), "a cancelled replay sends nothing");
            byId("replay-one").sendKeys(Keys.ENTER);
            waitOpen("replay-dialog");
            browser.switchTo().activeElement().sendKeys(Keys.ENTER);
            waitText("status", "1 delivered");
            assertEquals(DeadLetterStatus.REPLAYED, store.find(id).orElseThrow().status());
            waitField("status", "REPLAYED");
            assertFalse(byId("replay-one").isEnabled(), "a replayed entry cannot be replayed again");
            assertEquals(ConnectorHarness.expectedPresenceByUser(harness.sandbox).get(SandboxUsers.userIdOf(agent)),
                    harness.actualPresenceByUser().get(SandboxUsers.userIdOf(agent)), "Genesys Cloud has the agent's state");

            // replay a filtered set: the confirmation counts what will be sent, the store says what was
            byId("back-to-list").click();
            waitRows(ids(store, Map.of()));
            new Select(byId("f-reason")).selectByValue("CONFLICT_EXHAUSTED");
            new Select(byId("f-kind")).selectByValue("ROUTING_STATUS");
            byId("f-agent").clear();
            byId("apply").click();
            Map<String, String> set = Map.of("reason", "CONFLICT_EXHAUSTED", "kind", "ROUTING_STATUS");
            List<Long> toReplay = ids(store, set);
            waitRows(toReplay);
            byId("replay-matching").click();
            waitOpen("replay-dialog");
            assertTrue(byId("replay-summary").getText().contains(toReplay.size() + " open dead letters matching"),
                    byId("replay-summary").getText());
            byId("replay-confirm").click();
            waitText("status", "sent,");
            Map<DeadLetterStatus, Long> after = toReplay.stream().map(each -> store.find(each).orElseThrow().status())
                    .collect(Collectors.groupingBy(Function.identity(), Collectors.counting()));
            assertEquals(Set.of(DeadLetterStatus.REPLAYED, DeadLetterStatus.SUPERSEDED), after.keySet(), after.toString());
            assertTrue(byId("status").getText().contains(after.get(DeadLetterStatus.REPLAYED) + " delivered"),
                    byId("status").getText() + " vs " + after);
            waitRows(ids(store, set));
            assertEquals(List.of(), ids(store, set), "nothing of the set is open any more");

            // discard: the note is required; Enter with none sends nothing
            new Select(byId("f-reason")).selectByValue("REJECTED");
            new Select(byId("f-kind")).selectByValue("");
            byId("apply").click();
            List<Long> rejected = ids(store, Map.of("reason", "REJECTED"));
            waitRows(rejected);
            long discarded = rejected.get(0);
            assertEquals(rejectedAgent, store.find(discarded).orElseThrow().agentId());
            browser.findElement(By.cssSelector("#list-table a[href='#/dead-letters/" + discarded + "']")).sendKeys(Keys.ENTER);
            waitText("detail-title", "Dead letter " + discarded);
            byId("discard-one").click();
            waitOpen("discard-dialog");
            assertEquals("discard-note", focused(), "the note field has the focus");
            browser.switchTo().activeElement().sendKeys(Keys.ENTER);
            waitText("discard-note-error", "A note is required");
            assertEquals(DeadLetterStatus.OPEN, store.find(discarded).orElseThrow().status());
            String note = "user left the company; removed from agents.csv";
            browser.switchTo().activeElement().sendKeys(note);
            HeadlessChromium.screenshot(browser, SCREENSHOTS, "discard");
            browser.switchTo().activeElement().sendKeys(Keys.ENTER);
            waitField("status", "DISCARDED");
            DeadLetter closed = store.find(discarded).orElseThrow();
            assertEquals(DeadLetterStatus.DISCARDED, closed.status());
            assertEquals(note, closed.closeNote());
            assertEquals(note, field("closeNote"));

            // the run history: the sync runs and the two replays, newest first, as kept
            byId("nav-runs").click();
            RunSummaryStore runs = harness.context().getRegistry().lookupByNameAndType("runSummaryStore",
                    RunSummaryStore.class);
            List<String> kept = runs.latest(20).stream().map(RunSummary::runId).toList();
            waitUntil("the runs table to list " + kept, driver -> kept.equals(browser
                    .findElements(By.cssSelector("#runs-table tbody tr[data-run-id]")).stream()
                    .map(row -> row.getDomAttribute("data-run-id")).toList()));
            assertEquals(4, kept.size(), "two sync runs and two replays");
            HeadlessChromium.screenshot(browser, SCREENSHOTS, "runs");

            // the token stayed in this tab's session storage: never in an address, never in local storage
            assertEquals(token, browser.executeScript("return sessionStorage.getItem('wfm-agent-sync.api-token')"));
            assertEquals(0L, browser.executeScript("return localStorage.length"));
            @SuppressWarnings("unchecked")
            List<String> addresses = (List<String>) browser.executeScript(
                    "return performance.getEntriesByType('resource').map(e => e.name).concat([location.href])");
            assertTrue(addresses.stream().noneMatch(address -> address.contains(token)), addresses.toString());
        }
    }

    @Test
    void with_no_token_configured_the_console_opens_on_the_list_without_asking() throws Exception {
        try (ConnectorHarness harness = ConnectorHarness.start(sandbox -> sandbox.legacyAgents(3),
                Map.of("wfm.retry.max-redeliveries", "0"))) {
            harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 409, "SCHEDULE_CONFLICT", Map.of());
            harness.runOnce();
            harness.sandbox.genesys().clearForcedResponses();

            // another port, so another origin: nothing of the first test's session storage is seen here
            browser.get(ManagementApi.base(harness) + "/console/");

            waitRows(ids(harness.deadLetterStore(), Map.of()));
            assertFalse(byId("token-view").isDisplayed(), "no token asked for");
            assertNull(browser.executeScript("return sessionStorage.getItem('wfm-agent-sync.api-token')"));
        }
    }

    /**
     * Dead letters of two reasons and both kinds: every event of the first run outlasts its capacity
     * conflicts (CONFLICT_EXHAUSTED), then one agent's next state is refused (REJECTED). Returns that agent.
     */
    private static String deadLetters(ConnectorHarness harness) {
        harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 409, "SCHEDULE_CONFLICT", Map.of());
        harness.runOnce();
        String agent = SandboxUsers.agentId(2, AGENTS);
        AgentState now = harness.sandbox.legacy().truth().get(agent).state();
        if (now == AgentState.NOT_READY) {
            harness.sandbox.legacy().setState(agent, AgentState.READY, null);
        } else {
            harness.sandbox.legacy().setState(agent, AgentState.NOT_READY, "LUNCH");
        }
        harness.sandbox.genesys().failNextRequests(Integer.MAX_VALUE, 400, "bad.request", Map.of());
        harness.runOnce();
        harness.sandbox.genesys().clearForcedResponses();
        DeadLetterStore store = harness.deadLetterStore();
        assertEquals(2L * AGENTS, ids(store, Map.of("reason", DeadLetterReason.CONFLICT_EXHAUSTED.name())).size());
        assertEquals(2, ids(store, Map.of("reason", DeadLetterReason.REJECTED.name())).size(), "both kinds refused");
        assertEquals(AGENTS + 1, ids(store, Map.of("kind", EventKind.ROUTING_STATUS.name())).size());
        return agent;
    }

    /** The store's entries for these filters (open unless a status is given), newest first, as the API pages them. */
    private static List<Long> ids(DeadLetterStore store, Map<String, String> filters) {
        return store.page(DeadLetterQuery.from(filters::get)).items().stream().map(DeadLetter::id).toList();
    }

    private static WebElement byId(String id) {
        return browser.findElement(By.id(id));
    }

    private static String field(String name) {
        return browser.findElement(By.cssSelector("#detail-fields dd[data-field='" + name + "']")).getText();
    }

    private static String focused() {
        return browser.switchTo().activeElement().getDomAttribute("id");
    }

    private static void waitUntil(String what, Function<WebDriver, Boolean> condition) {
        new WebDriverWait(browser, BOUND).ignoring(StaleElementReferenceException.class)
                .withMessage(() -> "waited " + BOUND.toSeconds() + " s for " + what + "; the page says: "
                        + browser.findElement(By.id("notice")).getText() + " " + browser.findElement(By.id("status")).getText())
                .until(condition);
    }

    private static WebElement waitVisible(String id) {
        waitUntil(id + " to show", driver -> byId(id).isDisplayed());
        return byId(id);
    }

    private static void waitText(String id, String part) {
        waitUntil("'" + part + "' in #" + id, driver -> byId(id).isDisplayed() && byId(id).getText().contains(part));
    }

    private static void waitField(String name, String value) {
        waitUntil("the entry's " + name + " to be " + value, driver -> byId("detail-view").isDisplayed()
                && value.equals(field(name)));
    }

    private static void waitOpen(String dialog) {
        waitUntil(dialog + " to open", driver -> Objects.equals(byId(dialog).getDomProperty("open"), "true"));
    }

    private static void waitClosed(String dialog) {
        waitUntil(dialog + " to close", driver -> !Objects.equals(byId(dialog).getDomProperty("open"), "true"));
    }

    /** The list view shows exactly these entries, in this order. */
    private static void waitRows(List<Long> expected) {
        List<String> ids = expected.stream().map(String::valueOf).toList();
        waitUntil("the list to show " + ids, driver -> byId("list-view").isDisplayed()
                && ids.equals(browser.findElements(By.cssSelector("#list-table tbody tr[data-id]")).stream()
                        .map(row -> row.getDomAttribute("data-id")).toList()));
    }
}
