/* crosscut's layer over Pagefind's search API. Pagefind's UI imports this module in place of
   pagefind/pagefind.js (search.js points its bundlePath here). The index comes in shards, one
   Pagefind bundle each (see crosscut/search.py): the main one, whose script this imports, merges the
   others (mergeIndex) before the first search or list of filters, with the options the UI gave it.
   Filters are listed in order of name and value, as one bundle lists them. Search
   - shows no results when a word of the query is nowhere in the index: Pagefind would search for the
     longest start of the word that is ("Gorbachov" as "go", "nonsensewordxyz" as "non"); and shows
     none from a bundle that lacks a word other bundles hold, since that bundle would do the same;
   - puts the primary text first: essays, then the curated pages (themes, glossary, timeline), each
     group in Pagefind's order; only a theme whose title is the query goes before them all;
   - keeps a chosen sort order (newest, oldest) across the bundles: Pagefind orders each bundle's
     results, then the merged list by score, which with a sort is a place in its own bundle only. */
/* An import is written out in full: this is the one address in the assets, from urls.asset() to urls.pagefind(). */
import * as pagefind from "../pagefind/pagefind.js";
export * from "../pagefind/pagefind.js";

var ranking = null, known = new Map(), merged = null, settings = {};
var BUNDLE = "crosscut-bundle"; // a filter Pagefind gives every page of a bundle (mergeFilter), never shown

/* The merged bundles' folders, the essays' fragment ids, the themes' titles and the order of the pages
   by each sort key, written beside the index (see crosscut/search.py); the search page gives its
   address (data-ranking). Without it, only the main bundle is searched, in Pagefind's order. */
function readRanking() {
  var at = document.querySelector("[data-ranking]");
  var address = at ? new URL(at.getAttribute("data-ranking"), document.baseURI) : null;
  ranking = ranking || (address ? fetch(address) : Promise.reject())
    .then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; })
    .then(function (data) {
      var titles = {}, sorts = {};
      (data.themes || []).forEach(function (t) { titles[t[0]] = phrase(t[1]); });
      Object.keys(data.sorts || {}).forEach(function (name) {
        sorts[name] = new Map(data.sorts[name].map(function (id, i) { return [id, i]; }));
      });
      return { essays: new Set(data.essays || []), titles: titles, sorts: sorts,
               shards: (data.shards || []).map(function (s) { return new URL(s, address).pathname; }) };
    });
  return ranking;
}

/* Every bundle merged into the main one, once per start of the UI (it destroys and starts again). */
function merge() {
  merged = merged || readRanking().then(async function (rank) {
    for (var i = 0; i < rank.shards.length; i++) {
      await pagefind.mergeIndex(rank.shards[i], Object.assign({}, settings, { mergeFilter: tag(i + 1) }));
    }
  });
  return merged;
}

export async function options(given) {
  settings = {};
  Object.keys(given || {}).forEach(function (k) { if (k != "basePath" && k != "baseUrl") settings[k] = given[k]; });
  return pagefind.options(Object.assign({}, given, { mergeFilter: tag(0) }));
}

function tag(bundle) { var filter = {}; filter[BUNDLE] = String(bundle); return filter; }

export async function destroy() {
  merged = null;
  known = new Map();
  return pagefind.destroy();
}

/* Filter names and values in order, as one bundle gives them (merging appends what later bundles add),
   without the bundles' own filter. */
function ordered(filters) {
  var out = {};
  Object.keys(filters || {}).filter(function (name) { return name != BUNDLE; }).sort().forEach(function (name) {
    out[name] = {};
    Object.keys(filters[name]).sort().forEach(function (value) { out[name][value] = filters[name][value]; });
  });
  return out;
}

export async function filters() {
  await merge();
  return ordered(await pagefind.filters());
}

export async function preload(term, options) {
  await merge();
  return pagefind.preload(term, options);
}

export async function debouncedSearch(term, options, wait) {
  await merge();
  return pagefind.debouncedSearch(term, options, wait).then(function (found) {
    return found && found.results ? arrange(found, term, options) : found;
  });
}

function phrase(text) { return text.split(/\s+/).map(normal).filter(Boolean).join(" "); }

/* A word as Pagefind reads a query: lower case, without accents or punctuation. */
function normal(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "")
    .replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "").toLocaleLowerCase();
}

/* Which bundles hold the word (or its stem), or a word that starts with it (a word being typed)? A
   bundle that holds none searches for the longest start of the word it does hold, as a single index
   would, so its results are dropped (see arrange). A bundle holds the word if it has it exactly or as
   the start of a word, or if its matches share as much of the word as the matches of such a bundle
   do (a stem: "rethink" for "rethinking"); a bundle that fell back to "go" for "Gorbachov" does not. */
function holders(word) {
  if (!known.has(word)) {
    known.set(word, (async function () {
      var held = new Set(), exact = bundles(await pagefind.search('"' + word + '"')); // quoted: no backtracking
      Object.keys(exact).forEach(function (b) { if (exact[b]) held.add(b); });
      var loose = bundles(await pagefind.search(word)), matched = {}, filter = {};
      for (var b of Object.keys(loose)) {
        if (!loose[b]) continue;
        filter[BUNDLE] = b;
        var data = await (await pagefind.search(word, { filters: filter })).results[0].data();
        var words = data.content.split(/\s+/);
        matched[b] = data.locations.map(function (at) { return normal(words[at] || ""); });
        if (matched[b].some(function (w) { return w.indexOf(word) >= 0; })) held.add(b);
      }
      var stem = Infinity; // the least of the word that a held bundle's matches share (words sharing none are not counted)
      held.forEach(function (b) {
        (matched[b] || []).forEach(function (w) { var c = common(word, w); if (c > 0) stem = Math.min(stem, c); });
      });
      Object.keys(matched).forEach(function (b) {
        if (matched[b].some(function (w) { return common(word, w) >= stem; })) held.add(b);
      });
      return held;
    })());
  }
  return known.get(word);
}

function shared(a, b) { var i = 0; while (i < a.length && a[i] === b[i]) i++; return i; }

/* How much of the word a matched word holds: all of it when it holds the word anywhere (an address,
   "https://example.org/word", reads as one word), else the start they share. */
function common(word, w) { return w.indexOf(word) >= 0 ? word.length : shared(word, w); }

/* How many results each bundle gave. */
function bundles(found) { return (found && found.filters && found.filters[BUNDLE]) || {}; }

/* Results in the chosen sort order across bundles: by the page's place in the order of all pages. */
async function sorted(found, options) {
  var name = Object.keys(options.sort)[0], rank = await readRanking(), order = rank.sorts[name];
  if (!order) return found;
  var sign = options.sort[name] == "asc" ? 1 : -1;
  var place = function (r) { return order.has(r.id) ? order.get(r.id) : sign * Infinity; }; // unknown: last
  found.results = found.results.slice().sort(function (a, b) { return sign * (place(a) - place(b)); });
  return found;
}

function nothing(found) {
  var filters = ordered(found.filters);
  Object.keys(filters).forEach(function (name) {
    Object.keys(filters[name]).forEach(function (value) { filters[name][value] = 0; });
  });
  return Object.assign({}, found, { results: [], unfilteredResultCount: 0, filters: filters, totalFilters: ordered(found.totalFilters) });
}

async function primaryFirst(found, term, options) {
  if (options && options.sort && Object.keys(options.sort).length) return sorted(found, options);
  var rank = await readRanking(), query = phrase(term || "");
  var tier = function (r) { return rank.titles[r.id] === query ? 0 : rank.essays.has(r.id) ? 1 : 2; };
  found.results = found.results.map(function (r, i) { return [r, i]; })
    .sort(function (a, b) { return tier(a[0]) - tier(b[0]) || a[1] - b[1]; })
    .map(function (pair) { return pair[0]; });
  return found;
}

export async function search(term, options) {
  await merge();
  var found = await pagefind.search(term, options);
  if (!found || !found.results) return found;
  return arrange(found, term, options);
}

async function arrange(found, term, options) {
  if (found.results.length && typeof term == "string" && !/^\s*".+"\s*$/.test(term)) {
    var words = term.split(/\s+/).map(normal).filter(Boolean), held = null;
    for (var i = 0; i < words.length; i++) {
      var has = await holders(words[i]);
      held = held ? new Set([...held].filter(function (b) { return has.has(b); })) : has;
    }
    var gave = bundles(found);
    if (held && !held.size) return nothing(found);
    if (held && Object.keys(gave).some(function (b) { return gave[b] && !held.has(b); })) {
      var filters = Object.assign({}, options && options.filters);
      filters[BUNDLE] = { any: [...held] }; // only the bundles that hold every word, as in a single index
      found = await pagefind.search(term, Object.assign({}, options, { filters: filters }));
    }
  }
  found.filters = ordered(found.filters);
  found.totalFilters = ordered(found.totalFilters);
  if (!found.results.length) return found;
  return primaryFirst(found, term, options);
}
