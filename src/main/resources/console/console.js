// The dead-letter console: plain JavaScript over the connector's REST API (/api, docs/operations.md).
// Views are addressed by the URL's fragment (#/dead-letters?filters, #/dead-letters/ID, #/runs), so the
// browser's links, back button and bookmarks work. Everything from the API is written as text, never
// as HTML: a response body or a note may hold anything.
"use strict";

(function () {
  const TOKEN_KEY = "wfm-agent-sync.api-token";
  const PAGE_SIZE = 50;
  const FILTERS = ["status", "reason", "kind", "agentId", "since", "until"];
  // the page sits at /console/: the API is beside it, whatever prefix a proxy adds
  const API = new URL("../api/", document.baseURI);

  const $ = (id) => document.getElementById(id);
  const views = ["token-view", "list-view", "detail-view", "runs-view"];
  let current = null; // the entry shown in the detail view
  let returnFocus = null;

  // ---------------------------------------------------------------------------------------------
  // The token: this tab's sessionStorage only, sent as a bearer header, never in an address.
  // ---------------------------------------------------------------------------------------------
  function token() {
    return sessionStorage.getItem(TOKEN_KEY);
  }

  class ApiFailure extends Error {
    constructor(status, message) {
      super(message);
      this.status = status;
    }
  }

  async function api(method, path, params) {
    const url = new URL(path, API);
    if (params) {
      for (const [name, value] of Object.entries(params)) {
        if (value !== undefined && value !== null && value !== "") url.searchParams.set(name, value);
      }
    }
    const headers = { Accept: "application/json" };
    if (token()) headers.Authorization = "Bearer " + token();
    let response;
    try {
      response = await fetch(url, { method, headers, cache: "no-store", credentials: "omit" });
    } catch (e) {
      throw new ApiFailure(0, "the connector did not answer at " + API.origin + " (" + e.message
        + "): is it running, and is this its management port?");
    }
    const text = await response.text();
    let body = null;
    try {
      body = text ? JSON.parse(text) : null;
    } catch (e) {
      body = null;
    }
    if (!response.ok) {
      const why = body && body.error ? body.error : (text || response.statusText || "no answer body");
      throw new ApiFailure(response.status, why + " (HTTP " + response.status + ")");
    }
    return body;
  }

  /** Runs an API call for `what`; a 401 asks for the token, any other failure is shown, naming what failed. */
  async function attempt(what, call) {
    try {
      return await call();
    } catch (e) {
      if (e instanceof ApiFailure && e.status === 401) {
        askForToken();
      } else {
        notice(what + ": " + e.message);
      }
      return undefined;
    }
  }

  function askForToken() {
    const refused = token() !== null;
    sessionStorage.removeItem(TOKEN_KEY);
    show("token-view");
    $("forget-token").hidden = true;
    const error = $("token-error");
    error.hidden = !refused;
    error.textContent = refused ? "The connector refused that token: it is not the WFM_API_TOKEN it was started with." : "";
    $("token").setAttribute("aria-invalid", refused ? "true" : "false");
    $("token").value = "";
    $("token").focus();
  }

  $("token-form").addEventListener("submit", (event) => {
    event.preventDefault();
    const value = $("token").value.trim();
    if (!value) {
      $("token-error").hidden = false;
      $("token-error").textContent = "Enter the token: the connector answers nothing without it.";
      $("token").setAttribute("aria-invalid", "true");
      $("token").focus();
      return;
    }
    sessionStorage.setItem(TOKEN_KEY, value);
    $("token").value = "";
    route(true);
  });

  $("forget-token").addEventListener("click", () => {
    sessionStorage.removeItem(TOKEN_KEY);
    $("forget-token").hidden = true;
    route();
  });

  // ---------------------------------------------------------------------------------------------
  // Messages, views, formatting
  // ---------------------------------------------------------------------------------------------
  function notice(text) {
    const box = $("notice");
    box.textContent = text;
    box.hidden = !text;
  }

  function say(text) {
    $("status").textContent = text || "";
  }

  function show(id) {
    for (const view of views) $(view).hidden = view !== id;
    const here = { "nav-dead-letters": id === "list-view" || id === "detail-view", "nav-runs": id === "runs-view" };
    for (const [link, on] of Object.entries(here)) {
      if (on) $(link).setAttribute("aria-current", "page");
      else $(link).removeAttribute("aria-current");
    }
  }

  function focusTitle(id) {
    const title = $(id);
    if (title) title.focus({ preventScroll: false });
  }

  function el(tag, text, className) {
    const node = document.createElement(tag);
    if (text !== undefined && text !== null) node.textContent = String(text);
    if (className) node.className = className;
    return node;
  }

  function time(iso) {
    if (!iso) return el("span", "–", "muted");
    const node = el("time", new Date(iso).toLocaleString(undefined, { dateStyle: "medium", timeStyle: "long" }));
    node.dateTime = iso;
    node.title = iso;
    return node;
  }

  function badge(value) {
    return el("span", value || "–", "badge " + (value || ""));
  }

  function cell(row, content, className) {
    const td = document.createElement("td");
    if (className) td.className = className;
    if (content instanceof Node) td.appendChild(content);
    else td.textContent = content === null || content === undefined || content === "" ? "–" : String(content);
    row.appendChild(td);
    return td;
  }

  function emptyRow(tbody, columns, text) {
    const row = document.createElement("tr");
    const td = cell(row, text, "empty");
    td.colSpan = columns;
    tbody.appendChild(row);
  }

  function plural(count, one, many) {
    return count + " " + (count === 1 ? one : many);
  }

  // <input type="datetime-local"> holds local time without an offset; the API wants ISO-8601 with one.
  function toIso(local) {
    if (!local) return "";
    const date = new Date(local);
    return isNaN(date) ? null : date.toISOString();
  }

  function toLocalInput(iso) {
    if (!iso) return "";
    const date = new Date(iso);
    if (isNaN(date)) return "";
    const pad = (n) => String(n).padStart(2, "0");
    return date.getFullYear() + "-" + pad(date.getMonth() + 1) + "-" + pad(date.getDate()) + "T"
      + pad(date.getHours()) + ":" + pad(date.getMinutes()) + ":" + pad(date.getSeconds());
  }

  // ---------------------------------------------------------------------------------------------
  // Routing by the fragment
  // ---------------------------------------------------------------------------------------------
  function parseHash() {
    const hash = location.hash.replace(/^#\/?/, "");
    const [path, query] = hash.split("?");
    return { path: path || "dead-letters", params: new URLSearchParams(query || "") };
  }

  async function route(focus) {
    notice("");
    const { path, params } = parseHash();
    const entry = path.match(/^dead-letters\/(\d+)$/);
    if (entry) {
      await showEntry(entry[1], focus);
    } else if (path === "runs") {
      await showRuns(focus);
    } else {
      await showList(params, focus);
    }
  }

  window.addEventListener("hashchange", () => {
    say("");
    route(true);
  });

  // ---------------------------------------------------------------------------------------------
  // The list, with its filters
  // ---------------------------------------------------------------------------------------------
  function filtersOf(params) {
    const filters = {};
    for (const name of FILTERS) {
      const value = params.get(name);
      if (value) filters[name] = value;
    }
    return filters;
  }

  function hashOf(filters, offset) {
    const params = new URLSearchParams();
    for (const name of FILTERS) if (filters[name]) params.set(name, filters[name]);
    if (offset) params.set("offset", offset);
    const query = params.toString();
    return "#/dead-letters" + (query ? "?" + query : "");
  }

  function fillFilterForm(filters) {
    $("f-status").value = filters.status || "";
    $("f-reason").value = filters.reason || "";
    $("f-kind").value = filters.kind || "";
    $("f-agent").value = filters.agentId || "";
    $("f-since").value = toLocalInput(filters.since);
    $("f-until").value = toLocalInput(filters.until);
  }

  let listState = { filters: {}, offset: 0, total: 0 };

  async function showList(params, focus) {
    const filters = filtersOf(params);
    const offset = Math.max(0, parseInt(params.get("offset") || "0", 10) || 0);
    const page = await attempt("Could not list the dead letters", () =>
      api("GET", "dead-letters", { ...filters, limit: PAGE_SIZE, offset }));
    if (page === undefined) return;
    markSignedIn();
    show("list-view");
    fillFilterForm(filters);
    listState = { filters, offset, total: page.total };
    const tbody = $("list-table").querySelector("tbody");
    tbody.replaceChildren();
    for (const item of page.items) {
      const row = document.createElement("tr");
      row.dataset.id = item.id;
      const link = el("a", item.id);
      link.href = "#/dead-letters/" + item.id;
      link.setAttribute("aria-label", "Dead letter " + item.id + " of agent " + (item.agentId || "unknown"));
      cell(row, link);
      cell(row, badge(item.status));
      cell(row, item.reason);
      cell(row, item.kind);
      cell(row, item.agentId);
      cell(row, item.httpStatus, "num");
      cell(row, item.attempts, "num");
      cell(row, time(item.lastAttemptAt), "nowrap");
      const detail = cell(row, item.detail, "cut");
      if (item.detail) detail.title = item.detail;
      tbody.appendChild(row);
    }
    if (page.items.length === 0) emptyRow(tbody, 9, "No dead letter matches these filters.");
    const first = page.items.length ? offset + 1 : 0;
    const last = offset + page.items.length;
    $("list-count").textContent = plural(page.total, "dead letter matches", "dead letters match")
      + (page.total > page.items.length ? " (showing " + first + "–" + last + ")" : "");
    $("list-count").dataset.total = page.total;
    $("page-info").textContent = page.total ? "Page " + (Math.floor(offset / PAGE_SIZE) + 1) + " of "
      + Math.max(1, Math.ceil(page.total / PAGE_SIZE)) : "";
    $("prev-page").disabled = offset === 0;
    $("next-page").disabled = last >= page.total;
    if (focus) focusTitle("list-title");
  }

  $("filters").addEventListener("submit", (event) => {
    event.preventDefault();
    const since = toIso($("f-since").value);
    const until = toIso($("f-until").value);
    if (since === null || until === null) {
      notice("A time filter is not a date and time: fill in the whole field, or clear it.");
      return;
    }
    const filters = {
      status: $("f-status").value,
      reason: $("f-reason").value,
      kind: $("f-kind").value,
      agentId: $("f-agent").value.trim(),
      since,
      until,
    };
    const target = hashOf(filters, 0);
    if (location.hash === target) route(false);
    else location.hash = target;
  });

  $("clear-filters").addEventListener("click", () => {
    location.hash = "#/dead-letters";
  });

  $("prev-page").addEventListener("click", () => {
    location.hash = hashOf(listState.filters, Math.max(0, listState.offset - PAGE_SIZE));
  });

  $("next-page").addEventListener("click", () => {
    location.hash = hashOf(listState.filters, listState.offset + PAGE_SIZE);
  });

  // ---------------------------------------------------------------------------------------------
  // One entry
  // ---------------------------------------------------------------------------------------------
  const FIELDS = [
    ["id", "Id"], ["status", "Status"], ["reason", "Reason"], ["detail", "Detail"], ["kind", "Kind"],
    ["agentId", "Agent"], ["userId", "Genesys user"], ["eventId", "Event id"], ["httpStatus", "Last HTTP status"],
    ["attempts", "Attempts"], ["firstAttemptAt", "First attempt"], ["lastAttemptAt", "Last attempt"],
    ["runId", "Run"], ["closedAt", "Closed"], ["closeNote", "Close note"],
  ];
  const TIMES = new Set(["firstAttemptAt", "lastAttemptAt", "closedAt"]);

  async function showEntry(id, focus) {
    const entry = await attempt("Could not show dead letter " + id, () => api("GET", "dead-letters/" + id));
    if (entry === undefined) return;
    markSignedIn();
    renderEntry(entry);
    show("detail-view");
    if (focus) focusTitle("detail-title");
  }

  function renderEntry(entry) {
    current = entry;
    $("detail-title").textContent = "Dead letter " + entry.id + (entry.agentId ? " · agent " + entry.agentId : "");
    const fields = $("detail-fields");
    fields.replaceChildren();
    for (const [name, label] of FIELDS) {
      const value = entry[name];
      const dd = document.createElement("dd");
      dd.dataset.field = name;
      if (name === "status") dd.appendChild(badge(value));
      else if (TIMES.has(name)) dd.appendChild(time(value));
      else dd.textContent = value === null || value === undefined || value === "" ? "–" : String(value);
      fields.append(el("dt", label), dd);
    }
    const tbody = $("attempts").querySelector("tbody");
    tbody.replaceChildren();
    for (const tried of entry.attemptHistory || []) {
      const row = document.createElement("tr");
      cell(row, tried.number, "num");
      cell(row, time(tried.at), "nowrap");
      cell(row, tried.httpStatus === null ? "no answer" : tried.httpStatus, "num");
      cell(row, tried.outcome);
      cell(row, tried.runId, "mono");
      tbody.appendChild(row);
    }
    if (!(entry.attemptHistory || []).length) emptyRow(tbody, 5, "No attempt recorded: the update never reached Genesys Cloud.");
    $("event-json").textContent = typeof entry.event === "string" ? entry.event : JSON.stringify(entry.event, null, 2);
    $("response-body").textContent = pretty(entry.responseBody) || "(none)";
    const open = entry.status === "OPEN";
    $("replay-one").disabled = !open;
    $("discard-one").disabled = !open;
    const closed = $("detail-closed");
    closed.hidden = open;
    closed.textContent = open ? "" : "This entry is " + entry.status + ": only open entries can be replayed or discarded.";
  }

  function pretty(text) {
    if (!text) return text;
    try {
      return JSON.stringify(JSON.parse(text), null, 2);
    } catch (e) {
      return text;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Replay: one entry, or every open entry matching the list's filters, after a confirmation
  // ---------------------------------------------------------------------------------------------
  let pendingReplay = null;

  function openDialog(dialog, opener) {
    returnFocus = opener || document.activeElement;
    dialog.showModal();
  }

  function closeDialog(dialog) {
    if (dialog.open) dialog.close();
  }

  for (const dialog of [$("replay-dialog"), $("discard-dialog")]) {
    // Escape closes a dialog natively (a cancel event); focus goes back to the button that opened it
    dialog.addEventListener("close", () => {
      if (returnFocus && document.contains(returnFocus)) returnFocus.focus();
      returnFocus = null;
    });
  }

  $("replay-one").addEventListener("click", (event) => {
    if (!current) return;
    pendingReplay = { one: current.id };
    $("replay-dialog-title").textContent = "Replay dead letter " + current.id + "?";
    $("replay-summary").textContent = "Send the " + (current.kind || "") + " event of agent "
      + (current.agentId || "unknown") + " (dead letter " + current.id + ", " + current.reason
      + ") to Genesys Cloud again.";
    $("replay-confirm").textContent = "Replay 1 dead letter";
    $("replay-confirm").disabled = false;
    openDialog($("replay-dialog"), event.currentTarget);
  });

  $("replay-matching").addEventListener("click", async (event) => {
    const opener = event.currentTarget;
    const filters = { ...listState.filters };
    delete filters.status; // only open entries are replayed
    const unfiltered = Object.keys(filters).length === 0;
    const count = await attempt("Could not count the open dead letters to replay", () =>
      api("GET", "dead-letters", { ...filters, status: "OPEN", limit: 1 }));
    if (count === undefined) return;
    pendingReplay = { filters, unfiltered, expected: count.total };
    const described = describe(filters);
    $("replay-dialog-title").textContent = "Replay " + plural(count.total, "dead letter", "dead letters") + "?";
    let summary = count.total === 0
      ? "No open dead letter matches " + (unfiltered ? "" : described + ": ") + "there is nothing to replay."
      : "Send " + (unfiltered ? "every open dead letter (" + count.total + ")" : "the "
        + plural(count.total, "open dead letter", "open dead letters") + " matching " + described)
        + " to Genesys Cloud again.";
    if (listState.filters.status && listState.filters.status !== "OPEN") {
      summary += " Only open entries are replayed, whatever the list's status filter.";
    }
    $("replay-summary").textContent = summary;
    $("replay-confirm").textContent = "Replay " + plural(count.total, "dead letter", "dead letters");
    $("replay-confirm").disabled = count.total === 0;
    openDialog($("replay-dialog"), opener);
  });

  function describe(filters) {
    const parts = [];
    if (filters.reason) parts.push("reason " + filters.reason);
    if (filters.kind) parts.push("kind " + filters.kind);
    if (filters.agentId) parts.push("agent " + filters.agentId);
    if (filters.since) parts.push("last attempt from " + new Date(filters.since).toLocaleString());
    if (filters.until) parts.push("last attempt until " + new Date(filters.until).toLocaleString());
    return parts.join(", ");
  }

  $("replay-cancel").addEventListener("click", () => closeDialog($("replay-dialog")));

  $("replay-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const replay = pendingReplay;
    if (!replay || $("replay-confirm").disabled) return;
    $("replay-confirm").disabled = true;
    say("Replaying…");
    const result = await attempt("Could not replay", () => replay.one !== undefined
      ? api("POST", "dead-letters/" + replay.one + "/replay")
      : api("POST", "dead-letters/replay", replay.unfiltered ? { all: "true" } : replay.filters));
    closeDialog($("replay-dialog"));
    pendingReplay = null;
    if (result === undefined) {
      say("");
      return;
    }
    say(replayMessage(result));
    await route(false);
  });

  function replayMessage(result) {
    const replayed = result.replayed || [];
    const skipped = result.skipped || [];
    const delivered = replayed.filter((entry) => entry.outcome === "REPLAYED").length;
    let text = "Replay " + (result.runId ? "run " + result.runId : "") + ": " + replayed.length + " of "
      + result.requested + " sent, " + delivered + " delivered, " + skipped.length + " skipped.";
    const failed = replayed.filter((entry) => entry.outcome !== "REPLAYED");
    for (const entry of failed) text += " Dead letter " + entry.id + " failed again: " + (entry.detail || entry.outcome) + ".";
    for (const entry of skipped.slice(0, 5)) text += " Dead letter " + entry.id + " skipped: " + entry.why + ".";
    if (skipped.length > 5) text += " (" + (skipped.length - 5) + " more skipped.)";
    return text;
  }

  // ---------------------------------------------------------------------------------------------
  // Discard, with the note it requires
  // ---------------------------------------------------------------------------------------------
  $("discard-one").addEventListener("click", (event) => {
    if (!current) return;
    $("discard-dialog-title").textContent = "Discard dead letter " + current.id + "?";
    $("discard-summary").textContent = "It will never be sent: the " + (current.kind || "") + " event of agent "
      + (current.agentId || "unknown") + " (" + current.reason + ") is closed as DISCARDED and kept with your note.";
    $("discard-note").value = "";
    $("discard-note").setAttribute("aria-invalid", "false");
    $("discard-note-error").hidden = true;
    $("discard-confirm").disabled = false;
    openDialog($("discard-dialog"), event.currentTarget);
  });

  $("discard-cancel").addEventListener("click", () => closeDialog($("discard-dialog")));

  $("discard-note").addEventListener("input", () => {
    if ($("discard-note").value.trim()) {
      $("discard-note-error").hidden = true;
      $("discard-note").setAttribute("aria-invalid", "false");
    }
  });

  $("discard-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const note = $("discard-note").value.trim();
    if (!note) {
      $("discard-note-error").textContent = "A note is required: say why this entry will not be sent.";
      $("discard-note-error").hidden = false;
      $("discard-note").setAttribute("aria-invalid", "true");
      $("discard-note").focus();
      return;
    }
    const id = current.id;
    $("discard-confirm").disabled = true;
    const entry = await attempt("Could not discard dead letter " + id, () =>
      api("POST", "dead-letters/" + id + "/discard", { note }));
    closeDialog($("discard-dialog"));
    if (entry === undefined) return;
    renderEntry(entry);
    say("Dead letter " + id + " discarded: " + note);
  });

  // ---------------------------------------------------------------------------------------------
  // Runs
  // ---------------------------------------------------------------------------------------------
  async function showRuns(focus) {
    const limit = $("runs-limit").value;
    const answer = await attempt("Could not list the runs", () => api("GET", "runs", { limit }));
    if (answer === undefined) return;
    markSignedIn();
    show("runs-view");
    const tbody = $("runs-table").querySelector("tbody");
    tbody.replaceChildren();
    for (const run of answer.items) {
      const row = document.createElement("tr");
      row.dataset.runId = run.runId;
      cell(row, time(run.startedAt), "nowrap");
      cell(row, run.kind);
      cell(row, badge(run.outcome));
      for (const figure of [run.fetched, run.changed, run.delivered, run.deadLettered, run.stillOpen,
        run.conflicts409, run.rateLimited429, run.retries]) {
        cell(row, figure, "num");
      }
      cell(row, run.limitStart + "→" + run.limitEnd, "nowrap");
      cell(row, run.durationMs, "num");
      const id = cell(row, run.runId ? run.runId.slice(0, 8) : "", "mono");
      id.title = run.runId || "";
      cell(row, run.error, "cut");
      tbody.appendChild(row);
    }
    if (answer.items.length === 0) emptyRow(tbody, 15, "No run yet.");
    if (focus) focusTitle("runs-title");
  }

  $("runs-form").addEventListener("submit", (event) => {
    event.preventDefault();
    showRuns(false);
  });

  function markSignedIn() {
    $("forget-token").hidden = !token();
  }

  route(false);
})();
