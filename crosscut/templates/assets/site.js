// crosscut enhancements: copy buttons, and previews of what a link points to. Without JS links just navigate.
(function () {
  var cache = {}, tip, owner, sel = ".ptext a,a.cite,a.term,.backlinks a,.tl-passages a,.kwic a";
  document.querySelectorAll("button.copy").forEach(function (b) {
    b.hidden = false;
    b.onclick = function () {
      navigator.clipboard.writeText(document.getElementById(b.dataset.copy).textContent).then(function () {
        b.textContent = "Copied";
        setTimeout(function () { b.textContent = "Copy"; }, 1500);
      });
    };
  });
  // the reader's switch: glossary links and "discussed in" notes on or off, remembered across pages.
  // Off, a glossary link loses its href (it reads and tabs as plain text) until the switch is on again.
  var box = document.getElementById("annotations");
  function annotate(on) {
    document.documentElement.classList.toggle("plain", !on);
    document.querySelectorAll(".ptext a").forEach(function (a) {
      if (!on && a.hasAttribute("href")) { a.dataset.href = a.getAttribute("href"); a.removeAttribute("href"); }
      if (on && a.dataset.href) { a.setAttribute("href", a.dataset.href); delete a.dataset.href; }
    });
  }
  if (box) {
    try { box.checked = !localStorage.getItem("crosscut-plain"); } catch (e) {}
    annotate(box.checked);
    box.onchange = function () {
      try { box.checked ? localStorage.removeItem("crosscut-plain") : localStorage.setItem("crosscut-plain", "1"); } catch (e) {}
      annotate(box.checked);
    };
  }
  // the contents in the margin mark the section being read: the last one whose heading has passed
  var contents = [].slice.call(document.querySelectorAll(".side .toc a[href^='#']"));
  var headings = contents.map(function (a) { return document.getElementById(a.hash.slice(1)); });
  function locate() {
    var current = -1;
    headings.forEach(function (h, i) { if (h && h.getBoundingClientRect().top < innerHeight / 3) current = i; });
    contents.forEach(function (a, i) { i == current ? a.setAttribute("aria-current", "location") : a.removeAttribute("aria-current"); });
  }
  if (contents.length) {
    addEventListener("scroll", function () { requestAnimationFrame(locate); }, { passive: true });
    locate();
  }
  function load(path) {
    if (path == location.pathname) return Promise.resolve(document);
    return cache[path] = cache[path] || fetch(path).then(function (r) { return r.text(); })
      .then(function (t) { return new DOMParser().parseFromString(t, "text/html"); });
  }
  function hide() {
    if (tip) tip.remove();
    if (owner) owner.removeAttribute("aria-describedby");
    tip = owner = null;
  }
  function show(a) {
    var u = new URL(a.href, location.href);
    if (u.origin != location.origin) return;
    load(u.pathname).then(function (d) {
      var n = u.hash ? d.getElementById(u.hash.slice(1)) : d.querySelector("main .lede");
      // a paragraph shows its text, a quoted passage its quote, a citation the sentence or cell around it
      n = n && (n.querySelector(".ptext, blockquote") || (n.matches(".cited, q") && n.closest("p, li, td")) || n);
      if (!n || (document.activeElement != a && !a.matches(":hover"))) return;
      var t = n.textContent.replace(/\s+/g, " ").trim(), r = a.getBoundingClientRect();
      hide();
      tip = document.createElement("div");
      tip.id = "preview";
      tip.role = "tooltip";
      tip.textContent = t.length > 320 ? t.slice(0, 317) + "…" : t;
      document.body.append(tip);
      tip.style.left = Math.max(8, Math.min(r.left, innerWidth - tip.offsetWidth - 8)) + scrollX + "px";
      tip.style.top = r.bottom + scrollY + "px";
      (owner = a).setAttribute("aria-describedby", "preview");
    }).catch(hide);
  }
  function on(e) { var a = e.target.closest?.(sel); if (a && a.href) show(a); }
  document.addEventListener("mouseover", on);
  document.addEventListener("focusin", on);
  // no gap under the link: the pointer may move onto the preview and back (WCAG 1.4.13); leaving both hides it
  document.addEventListener("mouseout", function (e) {
    var to = e.relatedTarget;
    if (tip && (owner.contains(e.target) || tip.contains(e.target)) && !owner.contains(to) && !tip.contains(to)) hide();
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (e) { if (e.key == "Escape") hide(); });
})();
