/* crosscut search page: Pagefind's default UI, with results that deep-link to paragraphs. */
(function () {
  "use strict";
  var root = document.getElementById("search");
  if (!root || typeof PagefindUI === "undefined") return;
  var params = new URLSearchParams(window.location.search);
  var sortSelect = document.getElementById("search-sort");
  var ui = null;

  function escapeHtml(text) {
    return text.replace(/[&<>"']/g, function (c) {
      return { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" }[c];
    });
  }

  /* A few words either side of the first hit in a paragraph, hits marked. */
  function excerpt(words, hits) {
    var start = Math.max(0, hits[0] - 12), end = Math.min(words.length, hits[0] + 18), out = [];
    for (var i = start; i < end; i++) {
      var w = escapeHtml(words[i]);
      out.push(hits.indexOf(i) >= 0 ? "<mark>" + w + "</mark>" : w);
    }
    return (start > 0 ? "… " : "") + out.join(" ") + (end < words.length ? " …" : "");
  }

  /* Regroup hits by the paragraph (id="pN") they fall in, so results land on ¶ N. */
  function processResult(result) {
    var paras = (result.anchors || []).filter(function (a) { return /^p\d+$/.test(a.id); })
      .sort(function (a, b) { return a.location - b.location; });
    if (paras.length && result.locations && result.locations.length) {
      var words = result.content.split(/\s+/), groups = {}, order = [];
      result.locations.forEach(function (loc) {
        var hit = null;
        for (var i = 0; i < paras.length && paras[i].location <= loc; i++) hit = paras[i];
        if (!hit) return;
        if (!groups[hit.id]) { groups[hit.id] = []; order.push(hit.id); }
        groups[hit.id].push(loc);
      });
      var base = result.url.split("#")[0];
      var subs = order.map(function (id) {
        return { title: "¶ " + id.slice(1), url: base + "#" + id, locations: groups[id],
                 excerpt: excerpt(words, groups[id]), anchor: { id: id, element: "p" } };
      });
      if (subs.length) {
        var best = subs.slice().sort(function (a, b) { return b.locations.length - a.locations.length; })[0];
        result.sub_results = subs;
        result.url = best.url;
      }
    }
    return result;
  }

  function start(term) {
    if (ui) ui.destroy();
    var sort = sortSelect && sortSelect.value ? { date: sortSelect.value } : null;
    ui = new PagefindUI({
      element: "#search", showSubResults: true, showImages: false, resetStyles: false,
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
