// The plan explorer (explorer/): every ablation of the site in one table, filtered and sorted here.
// Its data (gen/explorer_data.py) is a manifest of facets and chunk paths, then the chunks, fetched
// a few at a time and shown as they arrive. The table holds one page of rows, grown by "Show more",
// so the page stays light however many ablations there are. Data reaches the page only as text.
(function () {
  "use strict";

  const root = document.getElementById("tv-explorer");
  if (!root) return;

  const PAGE_SIZE = 100;
  const SUGGESTIONS = 30; // papers and metrics offered as the reader types: a list, not every name there is
  const PARALLEL_FETCHES = 4;
  const REFRESH_MS = 250; // how often the table follows the chunks while they load
  const FILTERS = ["q", "model", "task", "action", "metric", "paper"];
  const DEFAULT_SORT = "paper";

  const controls = {};
  FILTERS.forEach(function (name) { controls[name] = root.querySelector('[name="' + name + '"]'); });
  const status = root.querySelector(".tv-explorer__status");
  const body = root.querySelector("tbody");
  const more = root.querySelector('[data-explorer="more"]');
  const siteRoot = root.dataset.siteRoot;

  const state = {
    manifest: null, rows: [], chunksRead: 0, loading: true,
    matches: [], shown: 0, sort: DEFAULT_SORT, descending: false, refreshTimer: 0,
  };

  // ---- Data -------------------------------------------------------------------------------

  function textKey(value) {
    return value.split(/\s+/).filter(Boolean).join(" ").toLowerCase();
  }

  function rowFrom(data) {
    const [model, paper, number, name, part, action, replacements, metrics] = data;
    const manifest = state.manifest;
    const fields = [name, part, (replacements || []).join(" "), metrics.join(" "), manifest.papers[paper][1], manifest.models[model][1]];
    return {
      model: model, paper: paper, task: manifest.papers[paper][2], number: number, name: name, part: part, action: action,
      replacements: replacements, metrics: metrics,
      metricKeys: metrics.map(textKey), nameKey: textKey(name), partKey: textKey(part),
      text: fields.join("\n").toLowerCase(),
    };
  }

  function fetchJson(path, base) {
    return fetch(new URL(path, base)).then(function (response) {
      if (!response.ok) throw new Error(response.status + " " + response.url);
      return response.json();
    });
  }

  function load() {
    const manifestUrl = new URL(root.dataset.manifest, location.href);
    fetchJson(manifestUrl, location.href).then(function (manifest) {
      state.manifest = manifest;
      fillFacets(manifest);
      readLocation();
      suggest("paper");
      suggest("metric");
      const queue = manifest.chunks.slice();
      const workers = [];
      for (let i = 0; i < Math.min(PARALLEL_FETCHES, queue.length); i++) workers.push(next());
      function next() {
        const path = queue.shift();
        if (path === undefined) return Promise.resolve();
        return fetchJson(path, manifestUrl).then(function (chunk) {
          for (const data of chunk) state.rows.push(rowFrom(data));
          state.chunksRead += 1;
          scheduleRefresh();
          return next();
        });
      }
      return Promise.all(workers);
    }).then(function () {
      state.loading = false;
      clearTimeout(state.refreshTimer);
      refresh();
      root.dataset.state = "ready";
    }).catch(function () {
      state.loading = false;
      root.dataset.state = "error";
      status.textContent = "The plans could not be loaded. The downloads have the same data.";
    });
  }

  // ---- Controls ---------------------------------------------------------------------------

  // An element with the given properties (value, href, className) and text.
  function element(tag, properties, label) {
    const made = Object.assign(document.createElement(tag), properties);
    made.textContent = label;
    return made;
  }

  function option(value, label) {
    return element("option", { value: value }, label);
  }

  function fillFacets(manifest) {
    const count = function (n) { return " (" + n.toLocaleString("en") + ")"; };
    controls.model.append.apply(controls.model, manifest.models.map(function (m) { return option(m[0], m[1] + count(m[2])); }));
    controls.action.append.apply(controls.action, manifest.actions.filter(function (a) { return a[1] > 0; })
      .map(function (a) { return option(a[0], a[0] + count(a[1])); }));
    controls.task.append.apply(controls.task, manifest.tasks.map(function (t) { return option(t[0], t[1] + count(t[2])); }));
    state.modelIndex = new Map(manifest.models.map(function (m, i) { return [m[0], i]; }));
    state.actionIndex = new Map(manifest.actions.map(function (a, i) { return [a[0], i]; }));
    state.taskIndex = new Map(manifest.tasks.map(function (t, i) { return [t[0], i]; }));
    state.paperKeys = manifest.papers.map(function (p) { return textKey(p[1]) + "\n" + p[0].toLowerCase(); });
    state.choices = {
      paper: manifest.papers.map(function (p, i) { return {value: p[1], label: "", key: state.paperKeys[i]}; }),
      metric: manifest.metrics.map(function (m) { return {value: m[0], label: m[1].toLocaleString("en") + " ablations", key: textKey(m[0])}; }),
    };
  }

  // The first SUGGESTIONS papers or metrics (by title, or by use) that contain what the reader typed.
  function suggest(name) {
    const key = textKey(controls[name].value);
    const found = [];
    for (const choice of state.choices[name]) {
      if (choice.key.includes(key)) found.push(option(choice.value, choice.label));
      if (found.length === SUGGESTIONS) break;
    }
    const list = document.getElementById(controls[name].getAttribute("list"));
    list.replaceChildren.apply(list, found);
  }

  function setControl(element, value) {
    element.value = value;
    if (element.tagName === "SELECT" && element.selectedIndex < 0) element.value = "";
  }

  function readLocation() {
    const params = new URLSearchParams(location.search);
    FILTERS.forEach(function (name) { setControl(controls[name], params.get(name) || ""); });
    const sort = params.get("sort");
    if (sort && root.querySelector('th[data-sort="' + CSS.escape(sort) + '"]')) state.sort = sort;
    state.descending = params.get("order") === "descending";
  }

  function writeLocation() {
    const params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (controls[name].value) params.set(name, controls[name].value); });
    if (state.sort !== DEFAULT_SORT) params.set("sort", state.sort);
    if (state.descending) params.set("order", "descending");
    const query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  // ---- Filtering and sorting --------------------------------------------------------------

  function indexOf(map, value) {
    return value === "" ? -1 : (map.has(value) ? map.get(value) : -2);
  }

  function currentFilter() {
    return {
      words: controls.q.value.toLowerCase().split(/\s+/).filter(Boolean),
      model: indexOf(state.modelIndex, controls.model.value),
      action: indexOf(state.actionIndex, controls.action.value),
      task: indexOf(state.taskIndex, controls.task.value),
      papers: papersMatching(textKey(controls.paper.value)),
      metric: textKey(controls.metric.value),
    };
  }

  // Which papers a paper filter keeps (its text in the title or the name), or null for all of them.
  function papersMatching(key) {
    if (!key) return null;
    return Uint8Array.from(state.paperKeys, function (paperKey) { return paperKey.includes(key) ? 1 : 0; });
  }

  function matches(row, filter) {
    if (filter.model !== -1 && row.model !== filter.model) return false;
    if (filter.action !== -1 && row.action !== filter.action) return false;
    if (filter.task !== -1 && row.task !== filter.task) return false;
    if (filter.papers && !filter.papers[row.paper]) return false;
    if (filter.metric && !row.metricKeys.some(function (key) { return key.includes(filter.metric); })) return false;
    for (const word of filter.words) if (!row.text.includes(word)) return false;
    return true;
  }

  function byText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  const COMPARE = {
    paper: function (a, b) { return a.paper - b.paper || a.model - b.model || a.number - b.number; },
    model: function (a, b) { return a.model - b.model || a.paper - b.paper || a.number - b.number; },
    name: function (a, b) { return byText(a.nameKey, b.nameKey) || COMPARE.paper(a, b); },
    part: function (a, b) { return byText(a.partKey, b.partKey) || COMPARE.paper(a, b); },
    action: function (a, b) { return a.action - b.action || COMPARE.paper(a, b); },
  };

  function refresh() {
    const filter = currentFilter();
    const compare = COMPARE[state.sort];
    state.matches = state.rows.filter(function (row) { return matches(row, filter); });
    state.matches.sort(state.descending ? function (a, b) { return compare(b, a); } : compare);
    state.shown = Math.min(Math.max(state.shown, PAGE_SIZE), state.matches.length);
    body.replaceChildren.apply(body, state.matches.slice(0, state.shown).map(rowElement));
    showStatus();
  }

  function scheduleRefresh() {
    if (state.refreshTimer) return;
    if (state.chunksRead === 1) { refresh(); return; }
    state.refreshTimer = setTimeout(function () { state.refreshTimer = 0; refresh(); }, REFRESH_MS);
  }

  function filtersChanged() {
    state.shown = 0;
    writeLocation();
    if (state.manifest) refresh();
  }

  function showMore() {
    const next = state.matches.slice(state.shown, state.shown + PAGE_SIZE);
    body.append.apply(body, next.map(rowElement));
    state.shown += next.length;
    showStatus();
  }

  function showStatus() {
    const total = state.manifest.total.toLocaleString("en");
    const found = state.matches.length;
    let message = found === 0 ? "No ablation matches these filters."
      : "Showing " + state.shown.toLocaleString("en") + " of " + found.toLocaleString("en") + " matching ablations";
    if (state.loading) message += " (reading the plans: " + state.rows.length.toLocaleString("en") + " of " + total + ")";
    else if (found) message += " (" + total + " in all).";
    status.textContent = message;
    more.hidden = state.shown >= found;
    root.dataset.matches = String(found);
    root.querySelectorAll("th[data-sort]").forEach(function (header) {
      if (header.dataset.sort === state.sort) header.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
      else header.removeAttribute("aria-sort");
    });
  }

  // ---- Rows -------------------------------------------------------------------------------

  function cell(content) {
    const made = document.createElement("td");
    if (typeof content === "string") made.textContent = content;
    else made.append(content);
    return made;
  }

  function anchor(href, label) {
    return element("a", { href: href }, label);
  }

  function rowElement(row) {
    const manifest = state.manifest;
    const model = manifest.models[row.model];
    const paper = manifest.papers[row.paper];
    const trajectory = siteRoot + "trajectories/" + model[0] + "/" + paper[0] + "/";
    const kind = manifest.actions[row.action][0];
    const action = element("span", { className: "tv-action tv-action--" + (kind === "other" ? "unknown" : kind.toLowerCase()) }, kind);
    const tr = document.createElement("tr");
    tr.append(
      cell(anchor(trajectory + "#ablation-" + row.number, row.name || "(unnamed)")),
      cell(row.part),
      cell(action),
      cell(row.replacements === null ? "—" : row.replacements.join("; ")),
      cell(row.metrics.join(", ")),
      cell(model[1]),
      cell(anchor(siteRoot + "papers/" + paper[0] + "/", paper[1])),
    );
    return tr;
  }

  // ---- Wiring -----------------------------------------------------------------------------

  FILTERS.forEach(function (name) {
    controls[name].addEventListener(controls[name].tagName === "SELECT" ? "change" : "input", filtersChanged);
  });
  ["paper", "metric"].forEach(function (name) {
    controls[name].addEventListener("input", function () { if (state.manifest) suggest(name); });
  });
  root.querySelector('[data-explorer="clear"]').addEventListener("click", function () {
    FILTERS.forEach(function (name) { controls[name].value = ""; });
    filtersChanged();
    if (state.manifest) { suggest("paper"); suggest("metric"); }
  });
  root.querySelectorAll('[data-explorer="sort"]').forEach(function (button) {
    button.addEventListener("click", function () {
      const key = button.parentElement.dataset.sort;
      state.descending = key === state.sort ? !state.descending : false;
      state.sort = key;
      filtersChanged();
    });
  });
  more.addEventListener("click", showMore);

  root.hidden = false;
  root.dataset.state = "loading";
  load();
})();
