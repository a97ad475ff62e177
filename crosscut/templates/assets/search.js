/* crosscut search page: Pagefind's default UI, with results that deep-link to paragraphs. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") return;
  var params = new URLSearchParams(window.location.search);
  // Pagefind's UI loads its search API from bundlePath; ours (assets/pagefind.js) wraps it
  var bundle = new URL(".", document.currentScript.src).pathname;
  var sortSelect = document.getElementById("search-sort");
  var ui = null;

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* Which of the words from..to are not the element's own text but other spellings of a name that
     Pagefind read from a data-also attribute after a mention (see crosscut/views.py). */
  function spellings(words, from, to, text) {
    var own = text.split(/\s+/), j = 0, extra = {};
    for (var i = from; i < to; i++) {
      if (j < own.length && words[i] === own[j]) j++;
      else extra[i] = true;
    }
    return extra;
  }

  /* A few words either side of the first hit in a landing place (from..to), hits marked; other
     spellings of a name follow it in brackets: "Anti-Ballistic Missile Treaty (ABM Treaty)". */
  function excerpt(words, hits, from, to, extra) {
    var start = Math.max(from, hits[0] - 12), end = Math.min(to, hits[0] + 18), out = [];
    for (var i = start; i < end; i++) {
      var w = escapeHtml(extra[i] && !extra[i + 1] ? words[i].replace(/\.$/, "") : words[i]);
      if (hits.indexOf(i) >= 0) w = "<mark>" + w + "</mark>";
      if (extra[i] && !extra[i - 1]) w = '<span class="also">(' + w;
      if (extra[i] && !extra[i + 1]) w += ")</span>";
      out.push(w);
    }
    return (start > from ? "… " : "") + out.join(" ") + (end < to ? " …" : "");
  }

  /* Where a result lands: an essay on the paragraph (id="pN") a hit falls in, the timeline on the
     entry (<li id="…">); other pages keep Pagefind's sections. Returns the landing's name, or null. */
  function landing(result, anchor, words) {
    if (/^p\d+$/.test(anchor.id)) return "¶ " + anchor.id.slice(1);
    if (!(result.meta && result.meta.type == "Timeline" && anchor.element == "li")) return null;
    // an entry reads "August 1991 (month only). Failed coup against Mikhail Gorbachev. …"
    var parts = words.slice(anchor.location, anchor.location + 40).join(" ").split(/\.(?:\s|$)/);
    return parts[0].replace(/\s*\((?:year|month) only\)/, "") + ": " + (parts[1] || "");
  }

  /* Regroup hits by the place they land on, so results lead to ¶ N or to a timeline entry. */
  function processResult(result) {
    var anchors = (result.anchors || []).slice().sort(function (a, b) { return a.location - b.location; });
    var words = (result.content || "").split(/\s+/);
    var places = anchors.filter(function (a) { return landing(result, a, words); });
    if (places.length && result.locations && result.locations.length) {
      var groups = {}, order = [];
      result.locations.forEach(function (loc) {
        var hit = null;
        for (var i = 0; i < places.length && places[i].location <= loc; i++) hit = places[i];
        if (!hit) return;
        if (!groups[hit.id]) { groups[hit.id] = []; order.push(hit); }
        groups[hit.id].push(loc);
      });
      var base = result.url.split("#")[0];
      var subs = order.map(function (place) {
        var next = anchors.filter(function (a) { return a.location > place.location; })[0];
        var to = next ? next.location : words.length;
        var title = landing(result, place, words);
        return { title: title.length > 90 ? title.slice(0, 89) + "…" : title, url: base + "#" + place.id,
                 locations: groups[place.id], anchor: { id: place.id, element: place.element },
                 excerpt: excerpt(words, groups[place.id], place.location, to,
                                  place.text ? spellings(words, place.location, to, place.text) : {}) };
      });
      if (subs.length) {
        var best = subs.slice().sort(function (a, b) { return b.locations.length - a.locations.length; })[0];
        result.sub_results = subs;
        result.url = best.url;
        result.excerpt = best.excerpt; // what the result's own link leads to, other spellings in brackets
      }
    }
    return result;
  }

  function start(term) {
    if (ui) ui.destroy();
    var sort = sortSelect && sortSelect.value ? { date: sortSelect.value } : null;
    ui = new PagefindUI({
      element: "#search", bundlePath: bundle, showSubResults: true, showImages: false, resetStyles: false,
      processResult: processResult, sort: sort, autofocus: !term,
      ranking: { termFrequency: 0.2, pageLength: 0.1 },
      translations: { placeholder: "Search essays, themes and glossary" }
    });
    if (term) ui.triggerSearch(term);
  }

  // on a phone the filters wait behind one button (search.css hides them until it is pressed)
  var tools = document.querySelector(".search-tools");
  if (tools) {
    var toggle = document.createElement("button");
    toggle.type = "button";
    toggle.className = "filters-toggle";
    toggle.setAttribute("aria-controls", "search");
    toggle.setAttribute("aria-expanded", "false");
    toggle.textContent = "Filters";
    toggle.addEventListener("click", function () {
      toggle.setAttribute("aria-expanded", String(root.classList.toggle("filters-open")));
    });
    root.addEventListener("change", function () {
      var n = root.querySelectorAll(".pagefind-ui__filter-checkbox:checked").length;
      toggle.textContent = n ? "Filters (" + n + ")" : "Filters";
    });
    tools.append(toggle);
    tools.hidden = false;
  }

  if (sortSelect) {
    sortSelect.closest(".search-tools").hidden = false;
    sortSelect.value = params.get("sort") || "";
    sortSelect.addEventListener("change", function () {
      var input = root.querySelector("input");
      start(input ? input.value : "");
    });
  }
  start(params.get("q") || "");
})();
