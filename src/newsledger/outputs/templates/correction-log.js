// Filters and pages the entries the page already lists (it reads fine without this script:
// every entry is in the markup). Only hides and shows them; it never writes text.
(function () {
  "use strict";
  var list = document.getElementById("entries");
  if (!list) return;
  var entries = Array.prototype.slice.call(list.children);
  var pageSize = parseInt(list.getAttribute("data-page-size"), 10) || 200;
  var controls = {
    outlet: document.getElementById("f-outlet"),
    kind: document.getElementById("f-kind"),
    status: document.getElementById("f-status"),
    review: document.getElementById("f-review"),
    text: document.getElementById("f-text")
  };
  var visibleCount = document.getElementById("visible-count");
  var noMatch = document.getElementById("no-match");
  var pagers = Array.prototype.slice.call(document.querySelectorAll(".pager"));
  var texts = null; // lower-cased text of each entry, made on the first search
  var matches = entries;
  var page = 0;
  var printing = false;

  document.getElementById("filter-controls").hidden = false;

  function reviewMatches(state, wanted) {
    if (!wanted) return true;
    if (wanted === "pending") return state === "unreviewed" || state === "needs-note";
    return state === wanted;
  }

  function apply() {
    var f = {
      outlet: controls.outlet.value,
      kind: controls.kind.value,
      status: controls.status.value,
      review: controls.review.value,
      text: controls.text.value.trim().toLowerCase()
    };
    if (f.text && texts === null) {
      texts = entries.map(function (node) { return node.textContent.toLowerCase(); });
    }
    matches = entries.filter(function (node, i) {
      var kinds = (node.getAttribute("data-kinds") || "").split(" ");
      return (!f.outlet || node.getAttribute("data-outlet") === f.outlet) &&
        (!f.kind || kinds.indexOf(f.kind) >= 0) &&
        (!f.status || node.getAttribute("data-status") === f.status) &&
        reviewMatches(node.getAttribute("data-review"), f.review) &&
        (!f.text || texts[i].indexOf(f.text) >= 0);
    });
    page = 0;
    show();
  }

  function show() {
    var pages = Math.max(1, Math.ceil(matches.length / pageSize));
    page = Math.min(Math.max(page, 0), pages - 1);
    var start = printing ? 0 : page * pageSize;
    var end = printing ? matches.length : Math.min(start + pageSize, matches.length);
    var shown = new Set(matches.slice(start, end));
    entries.forEach(function (node) { node.hidden = !shown.has(node); });
    visibleCount.textContent = String(matches.length);
    noMatch.hidden = matches.length > 0;
    pagers.forEach(function (pager) {
      pager.hidden = pages < 2;
      pager.querySelector(".page-info").textContent =
        "Showing " + (start + 1) + "\u2013" + end + " \u00b7 page " + (page + 1) + " of " + pages;
      pager.querySelector(".prev").disabled = page === 0;
      pager.querySelector(".next").disabled = page >= pages - 1;
    });
  }

  var timer = null;
  Object.keys(controls).forEach(function (name) {
    controls[name].addEventListener(name === "text" ? "input" : "change", function () {
      clearTimeout(timer);
      timer = setTimeout(apply, name === "text" ? 150 : 0);
    });
  });
  pagers.forEach(function (pager) {
    pager.querySelector(".prev").addEventListener("click", function () {
      page -= 1; show(); list.scrollIntoView();
    });
    pager.querySelector(".next").addEventListener("click", function () {
      page += 1; show(); list.scrollIntoView();
    });
  });

  // Paper gets every matching entry with its details open; the screen goes back after.
  window.addEventListener("beforeprint", function () {
    printing = true; show();
    list.querySelectorAll("details").forEach(function (d) { d.open = true; });
  });
  window.addEventListener("afterprint", function () { printing = false; show(); });

  // A link to an entry (from a timeline) opens the page holding it, with filters cleared.
  function revealHash() {
    if (!/^#entry-/.test(location.hash)) return;
    var target = document.getElementById(decodeURIComponent(location.hash.slice(1)));
    if (!target || !target.hidden) return;
    Object.keys(controls).forEach(function (name) { controls[name].value = ""; });
    matches = entries; page = Math.floor(entries.indexOf(target) / pageSize); show();
    target.scrollIntoView();
  }
  window.addEventListener("hashchange", revealHash);

  apply();
  revealHash();
})();
