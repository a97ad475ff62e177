/* crosscut: small enhancements. Without JavaScript every link still navigates and every text is selectable. */
(function () {
  "use strict";
  var pages = {}, tip = null, owner = null;

  /* Copy buttons of the citation blocks. */
  document.querySelectorAll("button.copy[data-copy]").forEach(function (b) {
    b.hidden = false;
    b.addEventListener("click", function () {
      var text = document.getElementById(b.dataset.copy).textContent;
      navigator.clipboard.writeText(text).then(function () {
        b.textContent = "Copied";
        setTimeout(function () { b.textContent = "Copy"; }, 1500);
      });
    });
  });

  /* Previews: the paragraph, glossary line or theme a link points to, on hover or focus. */
  function load(url) {
    if (url === location.pathname) return Promise.resolve(document);
    if (!pages[url]) pages[url] = fetch(url).then(function (r) { return r.ok ? r.text() : ""; })
      .then(function (html) { return new DOMParser().parseFromString(html, "text/html"); });
    return pages[url];
  }
  function excerpt(doc, hash) {
    var node = hash ? doc.getElementById(hash) : null;
    node = node ? (node.querySelector(".ptext") || node) : doc.querySelector("main .lede");
    if (!node) return "";
    var text = node.textContent.replace(/\s+/g, " ").trim();
    return text.length > 320 ? text.slice(0, 317) + "…" : text;
  }
  function hide() {
    if (tip) { tip.remove(); tip = null; }
    if (owner) { owner.removeAttribute("aria-describedby"); owner = null; }
  }
  function show(link) {
    var url = new URL(link.href, location.href);
    if (url.origin !== location.origin) return;
    load(url.pathname).then(function (doc) {
      var text = excerpt(doc, url.hash.slice(1));
      if (!text || document.activeElement !== link && !link.matches(":hover")) return;
      hide();
      tip = document.createElement("div");
      tip.className = "preview";
      tip.id = "preview";
      tip.setAttribute("role", "tooltip");
      tip.textContent = text;
      document.body.appendChild(tip);
      var box = link.getBoundingClientRect();
      tip.style.left = Math.max(8, Math.min(box.left + scrollX, scrollX + innerWidth - tip.offsetWidth - 8)) + "px";
      tip.style.top = (box.bottom + scrollY + 6) + "px";
      owner = link;
      link.setAttribute("aria-describedby", "preview");
    }).catch(function () {});
  }
  var selector = ".ptext a, a.cite, a.term, .backlinks a, .tl-passages a, .kwic a";
  document.addEventListener("mouseover", function (e) { var a = e.target.closest(selector); if (a) show(a); });
  document.addEventListener("focusin", function (e) { var a = e.target.closest(selector); if (a) show(a); });
  document.addEventListener("mouseout", function (e) { if (e.target.closest(selector)) hide(); });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
})();
