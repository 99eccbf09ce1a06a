/*
 * The site's search worker, in place of Material's lunr worker (theme's
 * "search" URL, see docs/overrides/main.html). It speaks Material's protocol:
 * SETUP -> READY, QUERY (a string) -> RESULT ({items: one array per page}),
 * the first RESULT of a query marked `partial` when a fuller one follows;
 * beside Material's fields, `total` counts every matching page (at most
 * MAX_PAGES are sent) and `failed` says the index could not be read. It
 * reads the sharded index that gen/data/search_index.py writes, fetching only the
 * shards of the query's terms and the documents it shows.
 *
 * Terms and shards follow gen/data/search_terms.py exactly: letters and digits of
 * the NFC-normalised, lowercased text; a term's shard is the FNV-1a hash of
 * its first `prefixLength` code points modulo the shard count. A paper's page
 * also has its title key (">" and the title's first TITLE_KEY_TERMS terms): a
 * query whose first terms make it, the title or its first five words, puts
 * that page first. A two-part hyphenated word is indexed joined too
 * (warm-up: warmup) and marked as a compound ("-warm-up"): where the corpus
 * hyphenates a pair, a query's word matches its parts (warmup: warm up) and two
 * adjacent words match them joined (warm up: warmup).
 */
"use strict";

const SETUP = 0;
const READY = 1;
const QUERY = 2;
const RESULT = 3;

const WORD = /[\p{L}\p{N}]+/gu;
const PREFIX_MATCH_FACTOR = 0.5;
const FIRST_PAGES = 10;
const MAX_PAGES = 50;
const MAX_QUERY_TERMS = 20;
const TITLE_KEY_MARK = ">";
const TITLE_KEY_TERMS = 5;
const TITLE_MATCH_BONUS = 1e6; // more than any document's sum of term scores
const COMPOUND_MARK = "-";
const TEASER_LENGTH = 160;
const TEASER_LEAD = 50; // characters of context before the first match
const INDEX_URL = new URL("../search/index/", self.location.href);

let index = null;
const shards = new Map();
const chunks = new Map();

function terms(text) {
  return text.normalize("NFC").toLowerCase().match(WORD) || [];
}

function fnv1a(text) {
  let hash = 0x811c9dc5;
  for (const character of text) {
    hash = Math.imul(hash ^ character.codePointAt(0), 0x01000193);
  }
  return hash >>> 0;
}

function escapeHtml(text) {
  return text.replace(/[&<>"']/g, character => `&#${character.charCodeAt(0)};`);
}

async function fetchJson(url, options) {
  const response = await fetch(url, options);
  if (!response.ok) throw new Error(`${url}: HTTP ${response.status}`);
  return response.json();
}

/* A cached fetch that forgets failures, so a later query tries again. */
function cachedJson(cache, key, url) {
  if (!cache.has(key)) {
    const request = fetchJson(url);
    request.catch(() => cache.delete(key));
    cache.set(key, request);
  }
  return cache.get(key);
}

/* The manifest, revalidated once per worker so a new build is seen; it names the other files by their content. */
function loadIndex() {
  if (index === null) {
    index = fetchJson(new URL("manifest.json", INDEX_URL), { cache: "no-cache" }).then(indexOf);
    index.catch(() => { index = null; });
  }
  return index;
}

function indexOf(manifest) {
  const pageOf = new Int32Array(manifest.documentCount);
  const pageStart = new Int32Array(manifest.pageSizes.length);
  let next = 0;
  manifest.pageSizes.forEach((size, page) => {
    pageStart[page] = next;
    pageOf.fill(page, next, next + size);
    next += size;
  });
  return { ...manifest, pageOf, pageStart };
}

function loadShard(index, term) {
  const prefix = Array.from(term).slice(0, index.prefixLength).join("");
  const number = fnv1a(prefix) % index.shardCount;
  return cachedJson(shards, number, new URL(`shards/${number}-${index.shards[number]}.json`, INDEX_URL));
}

function loadChunk(index, number) {
  return cachedJson(chunks, number, new URL(`documents/${number}-${index.documents[number]}.json`, INDEX_URL));
}

/* Whether an index term answers a query term: exactly, or by prefix for query terms of prefixLength or more. */
function matchFactor(indexTerm, queryTerm, prefixLength) {
  if (indexTerm === queryTerm) return 1;
  if (queryTerm.length >= prefixLength && indexTerm.startsWith(queryTerm)) return PREFIX_MATCH_FACTOR;
  return 0;
}

/* A term's postings: base64 of 32-bit little-endian codes, stored byte plane by byte plane (gen/data/search_index.py). */
function decodePostings(encoded) {
  const bytes = atob(encoded);
  const count = bytes.length / 4;
  const codes = new Uint32Array(count);
  for (let i = 0; i < count; i++) {
    codes[i] = bytes.charCodeAt(i) | bytes.charCodeAt(count + i) << 8
      | bytes.charCodeAt(2 * count + i) << 16 | bytes.charCodeAt(3 * count + i) << 24;
  }
  return codes;
}

/*
 * One query term's matches: for each document, the best of its matching
 * index terms' weight times that term's rarity (BM25 idf).
 */
function termMatches(index, shard, queryTerm, exact = false) {
  const scores = new Float64Array(index.documentCount);
  const documents = [];
  const weightMask = (1 << index.weightBits) - 1;
  for (const indexTerm in shard) {
    const factor = exact ? Number(indexTerm === queryTerm) : matchFactor(indexTerm, queryTerm, index.prefixLength);
    if (factor === 0) continue;
    const codes = decodePostings(shard[indexTerm]);
    const rarity = Math.log(1 + (index.documentCount - codes.length + 0.5) / (codes.length + 0.5));
    for (const code of codes) {
      const document = code >>> index.weightBits;
      const score = (code & weightMask) * rarity * factor;
      if (scores[document] === 0) documents.push(document);
      if (score > scores[document]) scores[document] = score;
    }
  }
  return { term: queryTerm, scores, documents };
}

/* The documents that match both: the sum of their scores. */
function both(index, first, second) {
  const scores = new Float64Array(index.documentCount);
  const documents = first.documents.filter(document => second.scores[document] > 0);
  for (const document of documents) scores[document] = first.scores[document] + second.scores[document];
  return { term: `${first.term} ${second.term}`, scores, documents };
}

/* The documents that match any of the alternatives, each by its best score, under the name `term`. */
function either(index, term, alternatives) {
  const scores = new Float64Array(index.documentCount);
  const documents = [];
  for (const alternative of alternatives) {
    for (const document of alternative.documents) {
      if (scores[document] === 0) documents.push(document);
      scores[document] = Math.max(scores[document], alternative.scores[document]);
    }
  }
  return { term, scores, documents };
}

function has(shard, term) {
  return Object.prototype.hasOwnProperty.call(shard, term);
}

/*
 * The query's terms as groups that each must match: a word also matches its
 * two parts where the corpus hyphenates them (warmup: warm-up, warm up), and
 * two adjacent words also match them joined (warm up: warmup). `shown` gets
 * the other spellings, to be highlighted.
 */
async function matchGroups(index, ordered, queryTerms, shown) {
  // Each term's shard and the shard of its compound marks ("-" and the term's first letters), fetched together;
  // a pair's mark ("-warm-up") is usually in the shard of its first term's marks.
  const [termShards, markShards] = await Promise.all([
    Promise.all(queryTerms.map(term => loadShard(index, term))),
    Promise.all(queryTerms.map(term => loadShard(index, COMPOUND_MARK + term))),
  ]);
  const matchOf = new Map(queryTerms.map((term, position) => [term, termMatches(index, termShards[position], term)]));
  for (const [position, term] of queryTerms.entries()) {
    const marks = Object.keys(markShards[position]);
    const splits = marks.map(mark => mark.slice(1).split(COMPOUND_MARK))
      .filter(parts => parts.length === 2 && parts[0] + parts[1] === term);
    const alternatives = [];
    for (const parts of splits) {
      const shards = await Promise.all(parts.map(part => loadShard(index, part)));
      const [first, second] = parts.map((part, position) => termMatches(index, shards[position], part, true));
      alternatives.push(both(index, first, second));
      shown.push(...parts);
    }
    if (alternatives.length > 0) matchOf.set(term, either(index, term, [matchOf.get(term), ...alternatives]));
  }
  const groups = [];
  for (let position = 0; position < ordered.length; position++) {
    const [first, second] = [ordered[position], ordered[position + 1]];
    const mark = `${COMPOUND_MARK}${first}${COMPOUND_MARK}${second}`;
    if (second !== undefined && first !== second && has(await loadShard(index, mark), mark)) {
      const joined = termMatches(index, await loadShard(index, first + second), first + second, true);
      groups.push(either(index, `${first} ${second}`, [both(index, matchOf.get(first), matchOf.get(second)), joined]));
      shown.push(first + second);
      position++;
    } else if (!groups.some(group => group.term === first)) {
      groups.push(matchOf.get(first));
    }
  }
  return groups;
}

/* Documents that have every term; if none has, those with any, ranked by how many they have. */
function combine(index, matches) {
  const found = new Uint8Array(index.documentCount);
  const total = new Float64Array(index.documentCount);
  const hits = [];
  for (const match of matches) {
    for (const document of match.documents) {
      if (found[document]++ === 0) hits.push(document);
      total[document] += match.scores[document];
    }
  }
  const everyTerm = hits.filter(document => found[document] === matches.length);
  const chosen = everyTerm.length > 0 ? everyTerm : hits;
  const score = new Map();
  for (const document of chosen) {
    score.set(document, total[document] * found[document] / matches.length);
  }
  return score;
}

/* The documents that the query's title key names, lifted above every other match. */
function liftTitled(index, keyShard, key, score) {
  if (!has(keyShard, key)) return;
  for (const code of decodePostings(keyShard[key])) {
    const document = code >>> index.weightBits;
    if (score.has(document)) score.set(document, score.get(document) + TITLE_MATCH_BONUS);
  }
}

/* Every matching page by its best document's score, each with its matching documents. */
function rankPages(index, score) {
  const pages = new Map();
  for (const [document, value] of score) {
    const page = index.pageOf[document];
    let entry = pages.get(page);
    if (entry === undefined) pages.set(page, entry = { page, score: 0, documents: [] });
    entry.documents.push(document);
    if (value > entry.score) entry.score = value;
  }
  return [...pages.values()].sort((a, b) => b.score - a.score || a.page - b.page);
}

async function loadDocuments(index, numbers) {
  const chunkNumbers = [...new Set(numbers.map(number => Math.floor(number / index.chunkSize)))];
  const loaded = await Promise.all(chunkNumbers.map(number => loadChunk(index, number)));
  const chunkOf = new Map(chunkNumbers.map((number, position) => [number, loaded[position]]));
  return number => chunkOf.get(Math.floor(number / index.chunkSize))[number % index.chunkSize];
}

function matches(word, queryTerms, prefixLength) {
  const lower = word.toLowerCase();
  return queryTerms.some(term => matchFactor(lower, term, prefixLength) > 0);
}

/* About TEASER_LENGTH characters of the text, cut at words, around its first word that a query term matches
   (from the start if none does), with "…" where the text goes on. */
function teaser(text, queryTerms, prefixLength) {
  let start = 0;
  for (const word of text.matchAll(WORD)) {
    if (matches(word[0], queryTerms, prefixLength)) {
      start = Math.max(0, word.index - TEASER_LEAD);
      break;
    }
  }
  if (start > 0) start = text.indexOf(" ", start) + 1 || start;
  let end = start + TEASER_LENGTH;
  if (end < text.length) end = text.lastIndexOf(" ", end) > start ? text.lastIndexOf(" ", end) : end;
  else end = text.length;
  return (start > 0 ? "… " : "") + text.slice(start, end) + (end < text.length ? " …" : "");
}

/* The text, escaped, with every word that a query term matches wrapped in <mark>. */
function highlight(text, queryTerms, prefixLength) {
  let html = "";
  let last = 0;
  for (const word of text.matchAll(WORD)) {
    if (matches(word[0], queryTerms, prefixLength)) {
      html += `${escapeHtml(text.slice(last, word.index))}<mark>${escapeHtml(word[0])}</mark>`;
      last = word.index + word[0].length;
    }
  }
  return html + escapeHtml(text.slice(last));
}

/*
 * One result group per page: the page's own document first, then its
 * matching sections, best first. The page document carries the page's best
 * score and every term found on the page: Material shows the sections that
 * reach the first item's score and folds the others under "more", and it
 * highlights the found terms on the page it opens.
 */
function resultGroup(found, page, documentAt) {
  const { index, queryTerms, matches, score } = found;
  const own = index.pageStart[page.page];
  const termsOf = documents => Object.fromEntries(matches.map(match => [
    match.term, documents.some(document => match.scores[document] > 0),
  ]));
  const item = (document, value, termsFound) => {
    const [location, title, text] = documentAt(document);
    return {
      location,
      title: highlight(title, queryTerms, index.prefixLength),
      text: highlight(teaser(text, queryTerms, index.prefixLength), queryTerms, index.prefixLength),
      score: value,
      terms: termsFound,
    };
  };
  const sections = page.documents
    .filter(document => document !== own)
    .sort((a, b) => score.get(b) - score.get(a) || a - b);
  return [
    item(own, page.score, termsOf(page.documents)),
    ...sections.map(document => item(document, score.get(document), termsOf([document]))),
  ];
}

async function resultGroups(found, pages) {
  const shown = pages.flatMap(page => [found.index.pageStart[page.page], ...page.documents]);
  const documentAt = await loadDocuments(found.index, shown);
  return pages.map(page => resultGroup(found, page, documentAt));
}

/*
 * Answers a query through `send`. Material renders the first ten result
 * groups at once and the rest as the list scrolls, and fetching the
 * documents of every page is most of a query's time, so the first
 * FIRST_PAGES pages go out first, marked `partial`, and all of them follow.
 * A query that a newer one has already replaced gets the first reply only.
 */
async function search(query, send, superseded) {
  const ordered = terms(query).slice(0, MAX_QUERY_TERMS);
  const queryTerms = [...new Set(ordered)];
  if (query.trim().length < 2 || queryTerms.length === 0) {
    send({ items: [] });
    return;
  }
  const index = await loadIndex();
  const key = TITLE_KEY_MARK + ordered.slice(0, TITLE_KEY_TERMS).join(" ");
  const shown = [...queryTerms];
  const [matches, keyShard] = await Promise.all([matchGroups(index, ordered, queryTerms, shown), loadShard(index, key)]);
  const score = combine(index, matches);
  liftTitled(index, keyShard, key, score);
  const found = { index, queryTerms: shown, matches, score };
  const ranked = rankPages(index, score);
  const pages = ranked.slice(0, MAX_PAGES);
  const total = ranked.length;
  const more = pages.length > FIRST_PAGES && !superseded();
  const first = await resultGroups(found, pages.slice(0, FIRST_PAGES));
  send(more ? { items: first, total, partial: true } : { items: first, total });
  if (more) send({ items: await resultGroups(found, pages), total });
}

async function handle(message, superseded) {
  switch (message.type) {
    case SETUP:
      loadIndex().catch(error => console.warn("search index:", error));
      postMessage({ type: READY });
      break;
    case QUERY:
      try {
        await search(message.data, data => postMessage({ type: RESULT, data }), superseded);
      } catch (error) {
        console.warn("search:", error);
        postMessage({ type: RESULT, data: { items: [], failed: true } });
      }
      break;
    default:
      console.warn(`search: unknown message type ${message.type}`);
  }
}

/* Messages are handled one after another, so results come back in the order the queries came. */
let received = 0;
let queue = Promise.resolve();
addEventListener("message", event => {
  const sequence = ++received;
  queue = queue.then(() => handle(event.data, () => received > sequence));
});
