// The compare page (compare/): two systems' plans side by side, computed here from the data the build wrote
// once for every pair (gen/data/compare_data.py). The pair is kept in the address as ?a=PLANNER/MODEL&b=…,
// so that a comparison can be shared. Data reaches the page only as text.
(function () {
  "use strict";

  const root = document.getElementById("tv-compare");
  if (!root) return;

  const PAGE_SIZE = 100;
  const NUMBER_COLUMNS = ["a", "b", "aMatched", "bMatched", "aAlone", "bAlone"];
  const pickers = { a: root.querySelector('[name="a"]'), b: root.querySelector('[name="b"]') };
  const status = root.querySelector(".tv-compare__status");
  const summaryBody = root.querySelector(".tv-compare__summary tbody");
  const paperBody = root.querySelector(".tv-compare__papers tbody");
  const more = root.querySelector('[data-compare="more"]');
  const columnLabels = Array.from(root.querySelectorAll(".tv-compare__papers thead th"), function (th) { return th.textContent.trim(); });
  const siteRoot = root.dataset.siteRoot;
  const state = { data: null, rows: [], shown: 0, sort: "title", descending: false };

  function element(tag, properties, label) {
    const made = Object.assign(document.createElement(tag), properties);
    if (label !== undefined) made.textContent = label;
    return made;
  }

  function number(n) { return n.toLocaleString("en"); }

  // ---- The pair ---------------------------------------------------------------------------

  function readLocation() {
    const params = new URLSearchParams(location.search);
    const keys = Array.from(pickers.a.options, function (option) { return option.value; });
    const a = keys.includes(params.get("a")) ? params.get("a") : keys[0];
    let b = keys.includes(params.get("b")) ? params.get("b") : keys.find(function (key) { return key !== a; });
    pickers.a.value = a;
    pickers.b.value = b || a;
  }

  function writeLocation() {
    const params = new URLSearchParams(location.search);
    params.set("a", pickers.a.value);
    params.set("b", pickers.b.value);
    history.replaceState(history.state, "", location.pathname + "?" + params.toString().replace(/%2F/g, "/") + location.hash);
  }

  // ---- Counting ---------------------------------------------------------------------------

  // One paper's figures for systems a and b (indices), or null when not both planned it.
  function paperFigures(paper, a, b) {
    const [slug, title, task, plans, groups] = paper;
    const planOf = new Map(plans.map(function (plan) { return [plan[0], plan[1]]; }));
    if (!planOf.has(a) || !planOf.has(b)) return null;
    const matched = { a: new Set(), b: new Set() };
    for (const group of groups) {
      const members = { a: [], b: [] };
      for (let i = 0; i < group.length; i += 2) {
        if (group[i] === a) members.a.push(group[i + 1]);
        else if (group[i] === b) members.b.push(group[i + 1]);
      }
      if (members.a.length && members.b.length) {
        members.a.forEach(function (n) { matched.a.add(n); });
        members.b.forEach(function (n) { matched.b.add(n); });
      }
    }
    const names = { a: planOf.get(a), b: planOf.get(b) };
    const alone = function (side) {
      return names[side].map(function (name, i) { return [i + 1, name]; }).filter(function (entry) { return !matched[side].has(entry[0]); });
    };
    return {
      slug: slug, title: title, task: task,
      a: names.a.length, b: names.b.length, aMatched: matched.a.size, bMatched: matched.b.size,
      aAlone: names.a.length - matched.a.size, bAlone: names.b.length - matched.b.size,
      aLone: alone("a"), bLone: alone("b"),
    };
  }

  function totals(rows) {
    const sum = { papers: rows.length };
    NUMBER_COLUMNS.forEach(function (key) { sum[key] = rows.reduce(function (n, row) { return n + row[key]; }, 0); });
    return sum;
  }

  // ---- Showing ----------------------------------------------------------------------------

  function share(part, whole) {
    return whole ? " (" + Math.round(100 * part / whole) + "%)" : "";
  }

  function summaryRow(label, rows) {
    const sum = totals(rows);
    const tr = document.createElement("tr");
    const cells = [label, number(sum.papers), number(sum.a), number(sum.b),
      number(sum.aMatched) + share(sum.aMatched, sum.a), number(sum.bMatched) + share(sum.bMatched, sum.b),
      number(sum.aAlone) + share(sum.aAlone, sum.a), number(sum.bAlone) + share(sum.bAlone, sum.b)];
    cells.forEach(function (value, i) { tr.append(element(i === 0 ? "th" : "td", i === 0 ? { scope: "row" } : {}, value)); });
    return tr;
  }

  function showSummary() {
    const rows = [summaryRow("All tasks", state.rows)];
    state.data.tasks.forEach(function (task, index) {
      const ofTask = state.rows.filter(function (row) { return row.task === index; });
      if (ofTask.length) rows.push(summaryRow(task[1], ofTask));
    });
    summaryBody.replaceChildren.apply(summaryBody, rows);
  }

  function loneList(system, slug, lone) {
    if (!lone.length) return document.createTextNode("0");
    const details = element("details", {});
    details.append(element("summary", {}, number(lone.length)));
    const list = document.createElement("ul");
    lone.forEach(function (entry) {
      const item = document.createElement("li");
      item.append(element("a", { href: siteRoot + "trajectories/" + system + "/" + slug + "/#ablation-" + entry[0] }, entry[1] || "(unnamed)"));
      list.append(item);
    });
    details.append(list);
    return details;
  }

  function paperRow(row) {
    const systems = state.data.systems;
    const a = systems[pickers.a.selectedIndex][0], b = systems[pickers.b.selectedIndex][0];
    const tr = document.createElement("tr");
    const paper = document.createElement("td");
    paper.append(element("a", { href: siteRoot + "papers/" + row.slug + "/" }, row.title));
    tr.append(paper);
    ["a", "b", "aMatched", "bMatched"].forEach(function (key) { tr.append(element("td", {}, number(row[key]))); });
    const aAlone = document.createElement("td");
    aAlone.append(loneList(a, row.slug, row.aLone));
    const bAlone = document.createElement("td");
    bAlone.append(loneList(b, row.slug, row.bLone));
    tr.append(aAlone, bAlone);
    Array.from(tr.cells).forEach(function (td, i) { td.dataset.label = columnLabels[i]; });
    return tr;
  }

  function sortRows() {
    const key = state.sort;
    const sign = state.descending ? -1 : 1;
    state.rows.sort(function (x, y) {
      const order = key === "title" ? x.title.localeCompare(y.title, "en", { sensitivity: "base" }) : x[key] - y[key];
      return sign * order || x.title.localeCompare(y.title, "en", { sensitivity: "base" });
    });
    root.querySelectorAll(".tv-compare__papers th[data-sort]").forEach(function (th) {
      if (th.dataset.sort === key) th.setAttribute("aria-sort", state.descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
    });
  }

  function showPapers() {
    state.shown = Math.min(PAGE_SIZE, state.rows.length);
    paperBody.replaceChildren.apply(paperBody, state.rows.slice(0, state.shown).map(paperRow));
    more.hidden = state.shown >= state.rows.length;
  }

  function showMore() {
    const next = state.rows.slice(state.shown, state.shown + PAGE_SIZE);
    paperBody.append.apply(paperBody, next.map(paperRow));
    state.shown += next.length;
    more.hidden = state.shown >= state.rows.length;
  }

  function compare() {
    const a = pickers.a.selectedIndex, b = pickers.b.selectedIndex;
    const labels = state.data.systems;
    writeLocation();
    if (a === b) {
      state.rows = [];
      status.textContent = "Pick two different systems.";
    } else {
      state.rows = state.data.papers.map(function (paper) { return paperFigures(paper, a, b); }).filter(Boolean);
      status.textContent = "A is " + labels[a][1] + ", B is " + labels[b][1] + ": " + number(state.rows.length) + " papers both planned.";
    }
    sortRows();
    showSummary();
    showPapers();
    root.dataset.pair = pickers.a.value + " " + pickers.b.value;
  }

  // ---- Wiring -----------------------------------------------------------------------------

  pickers.a.addEventListener("change", compare);
  pickers.b.addEventListener("change", compare);
  root.querySelector('[data-compare="swap"]').addEventListener("click", function () {
    const a = pickers.a.value;
    pickers.a.value = pickers.b.value;
    pickers.b.value = a;
    compare();
  });
  root.querySelectorAll('[data-compare="sort"]').forEach(function (button) {
    button.addEventListener("click", function () {
      const key = button.parentElement.dataset.sort;
      // Numbers most first, titles A to Z; the same column again reverses.
      state.descending = key === state.sort ? !state.descending : NUMBER_COLUMNS.includes(key);
      state.sort = key;
      sortRows();
      showPapers();
    });
  });
  more.addEventListener("click", showMore);

  root.hidden = false;
  readLocation();
  fetch(new URL(root.dataset.data, location.href)).then(function (response) {
    if (!response.ok) throw new Error(response.status + " " + response.url);
    return response.json();
  }).then(function (data) {
    state.data = data;
    compare();
    root.dataset.state = "ready";
  }).catch(function () {
    root.dataset.state = "error";
    status.textContent = "The plans could not be loaded. The statistics page has every pair's shares.";
  });
})();
