// The plan explorer (explorer/): every ablation of the site in one table, filtered and sorted here.
// Its data (gen/data/explorer_data.py) is a manifest of facets and chunk paths, then the chunks, fetched
// a few at a time and shown as they arrive. The table holds one page of rows, grown by "Show more",
// so the page stays light however many ablations there are. Data reaches the page only as text.
//
// The text filter: words must all match, in any order, each at the start of a word; "a phrase" must
// appear as written; `field:word` or `field:"a phrase"` looks in one field only. Unprefixed terms look
// in the name, ablated part and replacements, and in paper titles and metrics when the reader ticks
// those. Matches are wrapped in <mark>. With text in the filter the rows come best match first (a word
// in the name over one in the ablated part over one in the replacements; the words as a phrase over
// the words apart), until the reader sorts by a column. A compound the plans write with a hyphen
// matches in its three spellings: warmup, warm-up and warm up. With no match, the status names each
// filter whose removal alone gives matches, with a button that drops it, and for a word found nowhere
// the nearest words that are found. The address keeps the filters under names Material does not read
// (it opens its search on `q` and highlights on `h`).
(function () {
  "use strict";

  const root = document.getElementById("tv-explorer");
  if (!root) return;

  const PAGE_SIZE = 100;
  const SUGGESTIONS = 30; // papers and metrics offered as the reader types: a list, not every name there is
  const PARALLEL_FETCHES = 4;
  const REFRESH_MS = 250; // how often the table follows the chunks while they load
  const TYPING_MS = 100; // a pause in typing before the table follows the text
  const FILTERS = ["text", "model", "task", "action", "metric", "paper"];
  const TYPED = ["text", "metric", "paper"];
  const FACETS = ["model", "task", "action"];
  const DEFAULT_SORT = "paper";
  // The text fields, as a row keeps them (row.keys, row.shown) and as a query names them.
  const NAME = 0, PART = 1, REPLACEMENTS = 2, METRICS = 3, TITLE = 4;
  const FIELD_NAMES = {
    name: NAME, part: PART, replacement: REPLACEMENTS, replacements: REPLACEMENTS,
    metric: METRICS, metrics: METRICS, title: TITLE,
  };
  const DEFAULT_FIELDS = [NAME, PART, REPLACEMENTS];
  const FIELD_WEIGHTS = [4, 2, 1, 0.5, 0.5]; // by field number: how much a match there says the row is about it
  const OPTIONAL_FIELDS = { title: TITLE, metric: METRICS };
  const NEAREST_WORDS = 3; // words offered for one found nowhere

  const controls = {};
  FILTERS.forEach(function (name) { controls[name] = root.querySelector('[name="' + name + '"]'); });
  const also = Array.from(root.querySelectorAll('[name="also"]'));
  const status = root.querySelector(".tv-explorer__status");
  const rescue = root.querySelector(".tv-explorer__rescue");
  const body = root.querySelector("tbody");
  const more = root.querySelector('[data-explorer="more"]');
  const columnLabels = Array.from(root.querySelectorAll("thead th"), function (th) { return th.textContent.trim(); });
  const siteRoot = root.dataset.siteRoot;

  const state = {
    manifest: null, rows: [], chunksRead: 0, loading: true,
    ordered: [], orderedFor: "", hits: [], found: 0, filter: null,
    counts: null, shown: 0, sort: DEFAULT_SORT, sortChosen: false, descending: false, refreshTimer: 0, typingTimer: 0,
    compounds: new Map(), vocabulary: null, vocabularyFor: -1,
  };

  // ---- Text -------------------------------------------------------------------------------

  function collapse(value) {
    return value.replace(/\s+/g, " ").trim();
  }

  // Lower case of the same length, so that a match's place in the key is its place in the text shown.
  function fold(value) {
    const lower = value.toLowerCase();
    if (lower.length === value.length) return lower;
    return Array.from(value, function (c) { const l = c.toLowerCase(); return l.length === c.length ? l : c; }).join("");
  }

  function isWordCharacter(c) {
    return (c >= "0" && c <= "9") || c.toLowerCase() !== c.toUpperCase();
  }

  // Where `needle` starts a word of `key` (or starts with a non-word character), from `from` on; -1 if nowhere.
  function findTerm(key, needle, from) {
    const bounded = isWordCharacter(needle[0]);
    let at = key.indexOf(needle, from);
    while (at > 0 && bounded && isWordCharacter(key[at - 1])) at = key.indexOf(needle, at + 1);
    return at;
  }

  // The terms of a query: [{text, spellings, fields, prefix, start, end}], `text` folded, `spellings` the
  // texts it matches, `fields` the field numbers it may match in, `prefix` the field it names (`part:`),
  // `start` and `end` its place in the query, prefix included.
  function parseQuery(query, unprefixedFields) {
    const terms = [];
    const tokens = /"[^"]*"?|[^\s"]+/g;
    let field = -1; // set by a prefix standing alone (`title: "a phrase"`), for the token after it
    let fieldStart = 0, prefix = "";
    for (let match = tokens.exec(query); match; match = tokens.exec(query)) {
      const token = match[0];
      let value = token;
      const bare = token[0] !== '"' && field === -1;
      if (token[0] === '"') value = token.replace(/^"|"$/g, "");
      else {
        const colon = token.indexOf(":");
        const named = colon > 0 ? FIELD_NAMES[token.slice(0, colon).toLowerCase()] : undefined;
        if (named !== undefined) {
          field = named;
          fieldStart = match.index;
          prefix = token.slice(0, colon + 1);
          value = token.slice(colon + 1);
          if (!value) continue;
        }
      }
      value = fold(collapse(value));
      const start = field === -1 ? match.index : fieldStart;
      if (value) {
        terms.push({ text: value, fields: field === -1 ? unprefixedFields : [field], bare: bare && field === -1,
          prefix: field === -1 ? "" : prefix, start: start, end: match.index + token.length });
      }
      field = -1;
    }
    return joinSplitCompounds(terms).map(function (term) {
      term.spellings = spellings(term.text);
      return term;
    });
  }

  // Two plain words that are a compound the plans hyphenate (warm up) become one term.
  function joinSplitCompounds(terms) {
    const joined = [];
    for (const term of terms) {
      const last = joined[joined.length - 1];
      const parts = last && last.bare && term.bare && state.compounds.get(last.text + term.text);
      if (parts && parts[0] === last.text) {
        joined[joined.length - 1] = {
          text: last.text + " " + term.text, fields: last.fields, bare: false, prefix: "", start: last.start, end: term.end,
        };
      } else joined.push(term);
    }
    return joined;
  }

  // The texts a term matches: a compound that the plans hyphenate in any of its spellings, anything else as written.
  function spellings(text) {
    const split = text.match(/^([^\s-]+)[\s-]([^\s-]+)$/);
    const joined = split ? split[1] + split[2] : text;
    const parts = state.compounds.get(joined);
    if (!parts || (split && split[1] !== parts[0])) return [text];
    return [parts.join("-"), parts.join(" "), joined];
  }

  // A word of two parts joined by one hyphen, not part of a longer hyphenated word (gen/data/search_terms.py's HYPHENATED).
  const HYPHENATED = /(?<![\p{L}\p{N}-])([\p{L}\p{N}]+)-([\p{L}\p{N}]+)(?![\p{L}\p{N}-])/gu;

  // The compounds a row's text hyphenates, by their joined spelling: warmup → [warm, up].
  function learnCompounds(keys) {
    for (const key of keys) {
      if (!key.includes("-")) continue;
      for (const match of key.matchAll(HYPHENATED)) {
        const joined = match[1] + match[2];
        if (!state.compounds.has(joined)) state.compounds.set(joined, [match[1], match[2]]);
      }
    }
  }

  // ---- Data -------------------------------------------------------------------------------

  function rowFrom(data) {
    const [model, paper, number, name, part, action, replacements, metrics, systems, group] = data;
    const shown = [collapse(name), collapse(part), replacements === null ? "" : collapse(replacements.join("; ")), collapse(metrics.join(", "))];
    const keys = shown.map(fold);
    learnCompounds(keys);
    return {
      model: model, paper: paper, task: state.manifest.papers[paper][2], number: number, action: action,
      hasReplacements: replacements !== null, shown: shown, keys: keys, systems: systems, group: group,
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
      prepareFacets(manifest);
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
      state.refreshTimer = 0;
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

  // Each facet's options, kept with their labels so that refresh() can append the counts.
  function prepareFacets(manifest) {
    const actions = manifest.actions.map(function (a, i) { return { value: a[0], label: a[0], index: i, used: a[1] > 0 }; });
    const choices = {
      model: manifest.models.map(function (m, i) { return { value: m[0], label: m[1], index: i, used: true }; }),
      task: manifest.tasks.map(function (t, i) { return { value: t[0], label: t[1], index: i, used: true }; }),
      action: actions,
    };
    state.facets = {};
    FACETS.forEach(function (name) {
      const all = controls[name].options[0];
      const used = choices[name].filter(function (choice) { return choice.used; });
      used.forEach(function (choice) { choice.element = option(choice.value, choice.label); });
      controls[name].append.apply(controls[name], used.map(function (choice) { return choice.element; }));
      state.facets[name] = {
        choices: used, all: all, allLabel: all.textContent,
        index: new Map(choices[name].map(function (choice) { return [choice.value, choice.index]; })),
      };
    });
    state.counts = { model: new Uint32Array(manifest.models.length), task: new Uint32Array(manifest.tasks.length),
      action: new Uint32Array(manifest.actions.length) };
    state.titles = manifest.papers.map(function (p) { return collapse(p[1]); });
    state.titleKeys = state.titles.map(fold);
    learnCompounds(state.titleKeys);
    preparePapers(manifest);
    state.choices = {
      paper: state.paperChoices,
      metric: manifest.metrics.map(function (m) { return { value: m[0], label: m[1].toLocaleString("en") + " ablations", key: fold(collapse(m[0])) }; }),
    };
  }

  // The paper picker's choices: each paper's title, with its name added where two papers share a title.
  function preparePapers(manifest) {
    const seen = new Map();
    state.titleKeys.forEach(function (key) { seen.set(key, (seen.get(key) || 0) + 1); });
    state.paperChoices = manifest.papers.map(function (p, i) {
      const value = seen.get(state.titleKeys[i]) > 1 ? state.titles[i] + " (" + p[0] + ")" : state.titles[i];
      return { value: value, label: "", key: fold(value) + "\n" + fold(p[0]) };
    });
    state.paperByChoice = new Map();
    manifest.papers.forEach(function (p, i) { state.paperByChoice.set(fold(p[0]), i); });
    state.paperChoices.forEach(function (choice, i) { state.paperByChoice.set(fold(choice.value), i); });
  }

  // The first SUGGESTIONS papers or metrics (by title, or by use) that contain what the reader typed.
  function suggest(name) {
    const key = fold(collapse(controls[name].value));
    const found = [];
    for (const choice of state.choices[name]) {
      if (choice.key.includes(key)) found.push(option(choice.value, choice.label));
      if (found.length === SUGGESTIONS) break;
    }
    const list = document.getElementById(controls[name].getAttribute("list"));
    list.replaceChildren.apply(list, found);
  }

  // The paper the picker names, by title (as suggested) or by its name: its index, -1 for none, -2 for no such paper.
  function chosenPaper() {
    const key = fold(collapse(controls.paper.value));
    if (!key) return -1;
    return state.paperByChoice.has(key) ? state.paperByChoice.get(key) : -2;
  }

  function setControl(element, value) {
    element.value = value;
    if (element.tagName === "SELECT" && element.selectedIndex < 0) element.value = "";
  }

  function readLocation() {
    const params = new URLSearchParams(location.search);
    FILTERS.forEach(function (name) { setControl(controls[name], params.get(name) || ""); });
    const paper = state.paperByChoice.get(fold(controls.paper.value));
    if (paper !== undefined) controls.paper.value = state.paperChoices[paper].value;
    const fields = (params.get("also") || "").split(",");
    also.forEach(function (box) { box.checked = fields.includes(box.value); });
    const sort = params.get("sort");
    if (sort && root.querySelector('th[data-sort="' + CSS.escape(sort) + '"]')) {
      state.sort = sort;
      state.sortChosen = true;
    }
    state.descending = params.get("order") === "descending";
  }

  // The chosen paper's name; before the papers are known, what the reader typed (readLocation resolves it).
  function paperParameter() {
    if (!state.manifest) return controls.paper.value;
    const paper = chosenPaper();
    return paper >= 0 ? state.manifest.papers[paper][0] : "";
  }

  function writeLocation() {
    const params = new URLSearchParams();
    FILTERS.forEach(function (name) { if (name !== "paper" && controls[name].value) params.set(name, controls[name].value); });
    const paper = paperParameter();
    if (paper) params.set("paper", paper);
    const fields = also.filter(function (box) { return box.checked; }).map(function (box) { return box.value; });
    if (fields.length) params.set("also", fields.join(","));
    if (state.sort !== DEFAULT_SORT || (state.sortChosen && controls.text.value)) params.set("sort", state.sort);
    if (state.descending) params.set("order", "descending");
    const query = params.toString();
    history.replaceState(history.state, "", location.pathname + (query ? "?" + query : "") + location.hash);
  }

  // ---- Filtering and sorting --------------------------------------------------------------

  // The chosen option's index in the manifest's list, or -1 for all (a select holds only the options it was given).
  function facetValue(name) {
    const value = controls[name].value;
    return value === "" ? -1 : state.facets[name].index.get(value);
  }

  function currentFilter() {
    const fields = DEFAULT_FIELDS.concat(also.filter(function (box) { return box.checked; })
      .map(function (box) { return OPTIONAL_FIELDS[box.value]; }));
    return {
      terms: parseQuery(controls.text.value, fields),
      model: facetValue("model"), task: facetValue("task"), action: facetValue("action"),
      paper: chosenPaper(), metric: fold(collapse(controls.metric.value)),
    };
  }

  function fieldKey(row, field) {
    return field === TITLE ? state.titleKeys[row.paper] : row.keys[field];
  }

  // Whether `key` has one of the texts, each where findTerm looks.
  function hasAny(key, texts) {
    for (const text of texts) if (findTerm(key, text, 0) >= 0) return true;
    return false;
  }

  function termFound(row, term) {
    for (const field of term.fields) if (hasAny(fieldKey(row, field), term.spellings)) return true;
    return false;
  }

  // The filters other than the facets: paper, metric and text.
  function passesText(row, filter) {
    if (filter.paper >= 0 && row.paper !== filter.paper) return false; // an unknown title filters nothing yet
    if (filter.metric && !row.keys[METRICS].includes(filter.metric)) return false;
    for (const term of filter.terms) if (!termFound(row, term)) return false;
    return true;
  }

  function passesFacets(row, filter) {
    return (filter.model === -1 || row.model === filter.model) && (filter.task === -1 || row.task === filter.task)
      && (filter.action === -1 || row.action === filter.action);
  }

  function byText(a, b) { return a < b ? -1 : a > b ? 1 : 0; }

  const COMPARE = {
    paper: function (a, b) { return a.paper - b.paper || a.model - b.model || a.number - b.number; },
    model: function (a, b) { return a.model - b.model || a.paper - b.paper || a.number - b.number; },
    name: function (a, b) { return byText(a.keys[NAME], b.keys[NAME]) || COMPARE.paper(a, b); },
    part: function (a, b) { return byText(a.keys[PART], b.keys[PART]) || COMPARE.paper(a, b); },
    action: function (a, b) { return a.action - b.action || COMPARE.paper(a, b); },
    systems: function (a, b) { return a.systems - b.systems || COMPARE.paper(a, b); },
  };

  // The weight of the weightiest of `fields` where one of `texts` is found in the row, or 0.
  function bestFieldWeight(row, fields, texts) {
    let best = 0;
    for (const field of fields) {
      if (FIELD_WEIGHTS[field] > best && hasAny(fieldKey(row, field), texts)) best = FIELD_WEIGHTS[field];
    }
    return best;
  }

  // How well a row matches the text: each term by the best field it is found in, and the words
  // together, as one phrase, by the best field that has them so.
  function relevance(row, filter) {
    let score = 0;
    for (const term of filter.terms) score += bestFieldWeight(row, term.fields, term.spellings);
    if (filter.terms.length > 1) {
      const phrase = filter.terms.map(function (term) { return term.text; }).join(" ");
      score += bestFieldWeight(row, filter.terms[0].fields, [phrase]) * filter.terms.length;
    }
    return score;
  }

  function byRelevance(filter) {
    return filter.terms.length > 0 && !state.sortChosen;
  }

  // The matches best first, in the column order among equals.
  function rankHits(filter) {
    const ranked = state.hits.slice(0, state.found).map(function (row, position) {
      return { row: row, score: relevance(row, filter), position: position };
    });
    ranked.sort(function (a, b) { return b.score - a.score || a.position - b.position; });
    ranked.forEach(function (entry, position) { state.hits[position] = entry.row; });
  }

  // Every row in the current order, sorted again only when the order or the rows change.
  function orderedRows() {
    const wanted = state.sort + (state.descending ? "-" : "+") + state.rows.length;
    if (state.orderedFor !== wanted) {
      const compare = COMPARE[state.sort];
      state.ordered = state.rows.slice().sort(state.descending ? function (a, b) { return compare(b, a); } : compare);
      state.orderedFor = wanted;
      state.hits = new Array(state.rows.length);
    }
    return state.ordered;
  }

  // One pass over the rows: the matches, in order, and for each facet option the rows it would keep with
  // the other filters as they are (a row missing one facet filter counts for that facet alone).
  function filterRows(filter) {
    const counts = state.counts;
    FACETS.forEach(function (name) { counts[name].fill(0); });
    const ordered = orderedRows();
    const hits = state.hits;
    let found = 0;
    for (const row of ordered) {
      const missModel = filter.model !== -1 && row.model !== filter.model;
      const missTask = filter.task !== -1 && row.task !== filter.task;
      const missAction = filter.action !== -1 && row.action !== filter.action;
      const misses = missModel + missTask + missAction;
      if (misses > 1 || !passesText(row, filter)) continue;
      if (misses === 0) {
        hits[found++] = row;
        counts.model[row.model]++; counts.task[row.task]++; counts.action[row.action]++;
      } else if (missModel) counts.model[row.model]++;
      else if (missTask) counts.task[row.task]++;
      else counts.action[row.action]++;
    }
    state.found = found;
    if (byRelevance(filter)) rankHits(filter);
  }

  function showCounts() {
    const count = function (n) { return " (" + n.toLocaleString("en") + ")"; };
    FACETS.forEach(function (name) {
      const facet = state.facets[name];
      let total = 0;
      facet.choices.forEach(function (choice) {
        const n = state.counts[name][choice.index];
        total += n;
        choice.element.textContent = choice.label + count(n);
      });
      facet.all.textContent = facet.allLabel + count(total);
    });
  }

  function refresh() {
    clearTimeout(state.typingTimer);
    state.typingTimer = 0;
    delete root.dataset.pending;
    state.filter = currentFilter();
    filterRows(state.filter);
    state.shown = Math.min(Math.max(state.shown, PAGE_SIZE), state.found);
    body.replaceChildren.apply(body, state.hits.slice(0, state.shown).map(rowElement));
    showCounts();
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

  // Typing waits for a pause, so that a long query is filtered once rather than once per key.
  function typed() {
    state.shown = 0;
    writeLocation();
    if (!state.manifest) return;
    clearTimeout(state.typingTimer);
    root.dataset.pending = "";
    state.typingTimer = setTimeout(refresh, TYPING_MS);
  }

  function showMore() {
    const next = state.hits.slice(state.shown, Math.min(state.shown + PAGE_SIZE, state.found));
    body.append.apply(body, next.map(rowElement));
    state.shown += next.length;
    showStatus();
  }

  function showStatus() {
    const total = state.manifest.total.toLocaleString("en");
    const found = state.found;
    let message = found === 0 ? "No ablation matches these filters."
      : "Showing " + state.shown.toLocaleString("en") + " of " + found.toLocaleString("en") + " matching ablations";
    if (state.loading) message += " (reading the plans: " + state.rows.length.toLocaleString("en") + " of " + total + ")";
    else if (found) message += " (" + total + " in all).";
    if (found && byRelevance(state.filter)) message += " Best matches first: a column's heading sorts by it.";
    if (state.filter.paper === -2) message += " No paper is titled “" + collapse(controls.paper.value) + "”: pick one of the suggested titles.";
    status.textContent = message;
    showRescue();
    more.hidden = state.shown >= found;
    root.dataset.matches = String(found);
    root.dataset.order = byRelevance(state.filter) ? "relevance" : state.sort;
    root.querySelectorAll("th[data-sort]").forEach(function (header) {
      if (header.dataset.sort === state.sort && !byRelevance(state.filter)) {
        header.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
      } else header.removeAttribute("aria-sort");
    });
  }

  // ---- No match ---------------------------------------------------------------------------

  // How many rows pass `filter` with the filter `loosen` changes.
  function countLoosened(filter, loosen) {
    const loosened = Object.assign({}, filter);
    loosen(loosened);
    let count = 0;
    for (const row of state.rows) if (passesFacets(row, loosened) && passesText(row, loosened)) count++;
    return count;
  }

  function facetLabel(name, value) {
    return controls[name].closest("label").firstChild.textContent.trim() + ": " + state.facets[name].choices
      .find(function (choice) { return choice.index === value; }).label;
  }

  // The query without one term, or with it spelled as `replacement`.
  function queryWith(term, replacement) {
    const query = controls.text.value;
    return collapse(query.slice(0, term.start) + replacement + query.slice(term.end));
  }

  // Each filter whose removal alone gives matches: [label, matches, drop].
  function droppable(filter) {
    const found = [];
    function offer(label, loosen, drop) {
      const count = countLoosened(filter, loosen);
      if (count) found.push([label, count, drop]);
    }
    if (filter.terms.length > 1) {
      filter.terms.forEach(function (term, i) {
        offer("the word “" + term.text + "”", function (f) { f.terms = f.terms.filter(function (_, j) { return j !== i; }); },
          function () { controls.text.value = queryWith(term, ""); });
      });
    }
    if (filter.terms.length) offer("the text", function (f) { f.terms = []; }, function () { controls.text.value = ""; });
    FACETS.forEach(function (name) {
      if (filter[name] === -1) return;
      offer(facetLabel(name, filter[name]), function (f) { f[name] = -1; }, function () { controls[name].value = ""; });
    });
    if (filter.metric) offer("Metric: " + collapse(controls.metric.value), function (f) { f.metric = ""; }, function () { controls.metric.value = ""; });
    if (filter.paper >= 0) offer("Paper: " + state.titles[filter.paper], function (f) { f.paper = -1; }, function () { controls.paper.value = ""; });
    return found;
  }

  // For each text field, every word in it with how many times it occurs; made when first asked for, once the rows are read.
  function vocabularies() {
    if (state.vocabularyFor !== state.rows.length) {
      const fields = [NAME, PART, REPLACEMENTS, METRICS, TITLE].map(function () { return new Map(); });
      const add = function (words, key) {
        for (const word of key.split(/[^\p{L}\p{N}]+/u)) if (word) words.set(word, (words.get(word) || 0) + 1);
      };
      for (const row of state.rows) row.keys.forEach(function (key, field) { add(fields[field], key); });
      state.titleKeys.forEach(function (key) { add(fields[TITLE], key); });
      state.vocabulary = fields;
      state.vocabularyFor = state.rows.length;
    }
    return state.vocabulary;
  }

  // The words of the fields a term looks in, with their counts.
  function wordsOf(fields) {
    const words = new Map();
    for (const field of fields) {
      for (const [word, count] of vocabularies()[field]) words.set(word, (words.get(word) || 0) + count);
    }
    return words;
  }

  // The edit distance of two words, adjacent letters swapped counting as one edit; above `limit`, limit + 1.
  function distance(a, b, limit) {
    if (Math.abs(a.length - b.length) > limit) return limit + 1;
    let before = null, previous = Array.from({ length: b.length + 1 }, function (_, j) { return j; });
    for (let i = 1; i <= a.length; i++) {
      const current = [i];
      let smallest = i;
      for (let j = 1; j <= b.length; j++) {
        const cost = a[i - 1] === b[j - 1] ? 0 : 1;
        let d = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost);
        if (before && i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) d = Math.min(d, before[j - 2] + 1);
        current.push(d);
        smallest = Math.min(smallest, d);
      }
      if (smallest > limit) return limit + 1;
      before = previous;
      previous = current;
    }
    return previous[b.length];
  }

  // For a one-word term that starts no word of its fields, the nearest words they have, commonest first among equals.
  function nearestWords(term) {
    if (!/^[\p{L}\p{N}]+$/u.test(term.text)) return [];
    const words = wordsOf(term.fields);
    for (const word of words.keys()) if (word.startsWith(term.text)) return [];
    const limit = term.text.length <= 4 ? 1 : 2;
    const near = [];
    for (const [word, count] of words) {
      const d = distance(term.text, word, limit);
      if (d <= limit) near.push([d, -count, word]);
    }
    near.sort(function (a, b) { return a[0] - b[0] || a[1] - b[1] || byText(a[2], b[2]); });
    return near.slice(0, NEAREST_WORDS).map(function (entry) { return entry[2]; });
  }

  function rescueButton(label, action) {
    const button = element("button", { type: "button", className: "md-button" }, label);
    button.addEventListener("click", function () { action(); filtersChanged(); });
    return button;
  }

  // With no match and the rows all read: the filters to drop, and nearer spellings of unknown words.
  function showRescue() {
    const lines = [];
    if (state.found === 0 && !state.loading) {
      for (const term of state.filter.terms) {
        const words = nearestWords(term);
        if (!words.length) continue;
        const line = element("p", {}, "No word in the fields searched starts with “" + term.text + "”. Did you mean:");
        words.forEach(function (word) {
          line.append(rescueButton(word, function () { controls.text.value = queryWith(term, term.prefix + word); }));
        });
        lines.push(line);
      }
      const drops = droppable(state.filter);
      const line = element("p", {}, drops.length ? "Matches without one filter: " : "No single filter's removal gives a match.");
      drops.forEach(function (drop) {
        line.append(rescueButton("Drop " + drop[0] + " (" + drop[1].toLocaleString("en") + ")", drop[2]));
      });
      lines.push(line);
    }
    rescue.replaceChildren.apply(rescue, lines);
    rescue.hidden = lines.length === 0;
  }

  // ---- Rows -------------------------------------------------------------------------------

  // Where the filter's terms for `field` match in `key`, as sorted, merged [start, end) ranges.
  function matchRanges(key, field) {
    const ranges = [];
    for (const term of state.filter.terms) {
      if (!term.fields.includes(field)) continue;
      for (const text of term.spellings) {
        for (let at = findTerm(key, text, 0); at >= 0; at = findTerm(key, text, at + text.length)) ranges.push([at, at + text.length]);
      }
    }
    ranges.sort(function (a, b) { return a[0] - b[0]; });
    const merged = [];
    for (const range of ranges) {
      const last = merged[merged.length - 1];
      if (last && range[0] < last[1]) last[1] = Math.max(last[1], range[1]);
      else merged.push(range);
    }
    return merged;
  }

  // `shown` as text nodes, its matches for `field` in <mark> elements.
  function highlighted(shown, key, field) {
    const nodes = [];
    let from = 0;
    for (const [start, end] of matchRanges(key, field)) {
      if (start > from) nodes.push(document.createTextNode(shown.slice(from, start)));
      nodes.push(element("mark", {}, shown.slice(start, end)));
      from = end;
    }
    if (from < shown.length || nodes.length === 0) nodes.push(document.createTextNode(shown.slice(from)));
    return nodes;
  }

  function fieldNodes(row, field) {
    return field === TITLE ? highlighted(state.titles[row.paper], state.titleKeys[row.paper], TITLE)
      : highlighted(row.shown[field], row.keys[field], field);
  }

  function cell(nodes) {
    const made = document.createElement("td");
    made.append.apply(made, nodes);
    return made;
  }

  function anchor(href, nodes) {
    const made = document.createElement("a");
    made.href = href;
    made.append.apply(made, nodes);
    return made;
  }

  function rowElement(row) {
    const manifest = state.manifest;
    const model = manifest.models[row.model];
    const paper = manifest.papers[row.paper];
    const trajectory = siteRoot + "trajectories/" + model[0] + "/" + paper[0] + "/";
    const kind = manifest.actions[row.action][0];
    const action = element("span", { className: "tv-action tv-action--" + (kind === "other" ? "unknown" : kind.toLowerCase()) }, kind);
    const name = row.shown[NAME] ? fieldNodes(row, NAME) : [document.createTextNode("(unnamed)")];
    const tr = document.createElement("tr");
    tr.append(
      cell([anchor(trajectory + "#ablation-" + row.number, name)]),
      cell(fieldNodes(row, PART)),
      cell([action]),
      cell(row.hasReplacements ? fieldNodes(row, REPLACEMENTS) : [document.createTextNode("—")]),
      cell(fieldNodes(row, METRICS)),
      cell([document.createTextNode(model[1])]),
      cell([anchor(siteRoot + "papers/" + paper[0] + "/", fieldNodes(row, TITLE))]),
      cell([row.group ? anchor(siteRoot + "papers/" + paper[0] + "/#agreement-" + row.group, [document.createTextNode(row.systems + " systems")])
        : document.createTextNode("1 system")]),
    );
    Array.from(tr.cells).forEach(function (td, i) { td.dataset.label = columnLabels[i]; });
    return tr;
  }

  // ---- Wiring -----------------------------------------------------------------------------

  FILTERS.forEach(function (name) {
    if (!TYPED.includes(name)) { controls[name].addEventListener("change", filtersChanged); return; }
    controls[name].addEventListener("input", typed);
    // Enter, or leaving the field, shows the result at once.
    controls[name].addEventListener("change", function () { if (state.typingTimer) refresh(); });
  });
  also.forEach(function (box) { box.addEventListener("change", filtersChanged); });
  ["paper", "metric"].forEach(function (name) {
    controls[name].addEventListener("input", function () { if (state.manifest) suggest(name); });
  });
  root.querySelector('[data-explorer="clear"]').addEventListener("click", function () {
    FILTERS.forEach(function (name) { controls[name].value = ""; });
    also.forEach(function (box) { box.checked = false; });
    filtersChanged();
    if (state.manifest) { suggest("paper"); suggest("metric"); }
  });
  root.querySelectorAll('[data-explorer="sort"]').forEach(function (button) {
    button.addEventListener("click", function () {
      const key = button.parentElement.dataset.sort;
      state.descending = key === state.sort && !byRelevance(state.filter) ? !state.descending : false;
      state.sort = key;
      state.sortChosen = true;
      filtersChanged();
    });
  });
  more.addEventListener("click", showMore);

  root.hidden = false;
  root.dataset.state = "loading";
  load();
})();
