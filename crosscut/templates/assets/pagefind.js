/* crosscut's layer over Pagefind's search API. Pagefind's UI imports this module in place of
   pagefind/pagefind.js (search.js points its bundlePath here); everything passes straight through
   except search, which
   - shows no results when a word of the query is nowhere in the index: Pagefind would search for the
     longest start of the word that is ("Gorbachov" as "go", "nonsensewordxyz" as "non");
   - puts the primary text first: essays, then the curated pages (themes, glossary, timeline), each
     group in Pagefind's order; only a theme whose title is the query goes before them all. A chosen
     sort order (newest, oldest) is kept as it is. */
/* An import is written out in full: this is the one address in the assets, from urls.asset() to urls.pagefind(). */
import * as pagefind from "../pagefind/pagefind.js";
export * from "../pagefind/pagefind.js";

var ranking = null, known = new Map();

/* The essays' fragment ids and the themes' titles, written beside the index (see crosscut/search.py);
   the search page gives its address (data-ranking). Without it, results keep Pagefind's order. */
function readRanking() {
  var at = document.querySelector("[data-ranking]");
  ranking = ranking || (at ? fetch(at.getAttribute("data-ranking")) : Promise.reject())
    .then(function (r) { return r.ok ? r.json() : {}; }).catch(function () { return {}; })
    .then(function (data) {
      var titles = {};
      (data.themes || []).forEach(function (t) { titles[t[0]] = phrase(t[1]); });
      return { essays: new Set(data.essays || []), titles: titles };
    });
  return ranking;
}

function phrase(text) { return text.split(/\s+/).map(normal).filter(Boolean).join(" "); }

/* A word as Pagefind reads a query: lower case, without accents or punctuation. */
function normal(word) {
  return word.normalize("NFD").replace(/\p{M}/gu, "")
    .replace(/[\p{Pd}\p{Pe}\p{Pf}\p{Pi}\p{Po}\p{Ps}]/gu, "").toLocaleLowerCase();
}

/* Does the index hold the word (or its stem), or a word that starts with it (a word being typed)? */
function inIndex(word) {
  if (!known.has(word)) {
    known.set(word, (async function () {
      if ((await pagefind.search('"' + word + '"')).results.length) return true; // quoted: no backtracking
      var loose = await pagefind.search(word);
      if (!loose.results.length) return true;
      var data = await loose.results[0].data(), words = data.content.split(/\s+/);
      return data.locations.some(function (at) { return normal(words[at] || "").startsWith(word); });
    })());
  }
  return known.get(word);
}

function nothing(found) {
  var filters = {};
  Object.keys(found.filters || {}).forEach(function (name) {
    filters[name] = {};
    Object.keys(found.filters[name]).forEach(function (value) { filters[name][value] = 0; });
  });
  return Object.assign({}, found, { results: [], unfilteredResultCount: 0, filters: filters });
}

async function primaryFirst(found, term, options) {
  if (options && options.sort && Object.keys(options.sort).length) return found;
  var rank = await readRanking(), query = phrase(term || "");
  var tier = function (r) { return rank.titles[r.id] === query ? 0 : rank.essays.has(r.id) ? 1 : 2; };
  found.results = found.results.map(function (r, i) { return [r, i]; })
    .sort(function (a, b) { return tier(a[0]) - tier(b[0]) || a[1] - b[1]; })
    .map(function (pair) { return pair[0]; });
  return found;
}

export async function search(term, options) {
  var found = await pagefind.search(term, options);
  if (!found || !found.results || !found.results.length) return found;
  if (typeof term == "string" && !/^\s*".+"\s*$/.test(term)) {
    var words = term.split(/\s+/).map(normal).filter(Boolean);
    for (var i = 0; i < words.length; i++) {
      if (!(await inIndex(words[i]))) return nothing(found);
    }
  }
  return primaryFirst(found, term, options);
}
