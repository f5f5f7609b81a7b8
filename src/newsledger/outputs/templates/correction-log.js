// Draws the entries from the JSON block, a page at a time, and filters them without a reload.
// Text only ever goes in through textContent, so article text cannot become markup.
(function () {
  "use strict";
  var list = document.getElementById("entries");
  var dataBlock = document.getElementById("entries-data");
  if (!list || !dataBlock) return;
  var entries = JSON.parse(dataBlock.textContent);
  var template = document.getElementById("entry-template");
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
  var texts = null; // lower-cased searchable text of each entry, made on the first search
  var matches = entries;
  var page = 0;
  var printing = false;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = text;
    return node;
  }

  function slot(node, name) {
    return node.querySelector('[data-slot="' + name + '"]');
  }

  function timeElement(pair) {
    var node = el("time", null, pair[1]);
    node.setAttribute("datetime", pair[0]);
    return node;
  }

  function diffParagraph(segments) {
    var p = el("p", "diff");
    segments.forEach(function (segment) {
      var op = segment[0], text = segment[1];
      if (op === "delete") p.appendChild(el("del", null, text));
      else if (op === "insert") p.appendChild(el("ins", null, text));
      else if (op === "gap") {
        var gap = el("span", "gap", "[\u2026]");
        gap.title = text.length + " unchanged characters";
        p.appendChild(gap);
      } else p.appendChild(document.createTextNode(text));
    });
    return p;
  }

  function labelled(className, label, text) {
    var p = el("p", className);
    p.appendChild(el("strong", null, label));
    p.appendChild(document.createTextNode(" " + text));
    return p;
  }

  function changeItem(change) {
    var li = el("li");
    li.appendChild(el("p", "change-meta", change.meta));
    li.appendChild(diffParagraph(change.segments));
    if (change.before !== null || change.after !== null) {
      var details = el("details");
      details.appendChild(el("summary", null, "Unchanged context"));
      if (change.before !== null) details.appendChild(labelled("before", "Before:", change.before));
      if (change.after !== null) details.appendChild(labelled("after", "After:", change.after));
      li.appendChild(details);
    }
    return li;
  }

  function renderEntry(entry) {
    var node = template.content.firstElementChild.cloneNode(true);
    node.id = "entry-" + entry.id;
    node.setAttribute("data-entry-id", entry.id);
    node.setAttribute("data-status", entry.status);
    node.setAttribute("data-review", entry.review);
    if (entry.attention) node.classList.add("attention");
    slot(node, "outlet").textContent = entry.outlet;
    slot(node, "versions").textContent = entry.versions;
    var times = slot(node, "times");
    entry.times.forEach(function (pair, i) {
      if (i > 0) times.appendChild(document.createTextNode(" \u2192 "));
      times.appendChild(timeElement(pair));
    });
    var title = slot(node, "title");
    if (entry.url) {
      var link = el("a", null, entry.title);
      link.href = entry.url;
      link.rel = "noopener noreferrer";
      title.appendChild(link);
    } else title.textContent = entry.title;
    var badges = slot(node, "badges");
    badges.appendChild(el("span", "badge status status-" + entry.status, entry.status_label));
    entry.kinds.forEach(function (kind) { badges.appendChild(el("span", "badge kind", kind[1])); });
    if (entry.reconstructed) {
      var badge = el("span", "badge reconstructed", "reconstructed");
      badge.title = "at least one of these versions was rebuilt, not captured";
      badges.appendChild(badge);
    }
    badges.appendChild(el("span", "badge review review-" + entry.review, entry.review));
    slot(node, "review").textContent = entry.review_text;
    var notes = slot(node, "notes");
    entry.notes.forEach(function (note) {
      var quote = el("blockquote", "note");
      quote.appendChild(el("p", null, note));
      notes.appendChild(quote);
    });
    var changes = slot(node, "changes");
    entry.changes.forEach(function (change) { changes.appendChild(changeItem(change)); });
    if (entry.changes.length === 0) changes.replaceWith(el("p", "muted", "No sentence changed."));
    slot(node, "timeline").href = "#" + entry.anchor;
    slot(node, "id").textContent = entry.id;
    return node;
  }

  function searchText(entry) {
    var parts = [entry.title, entry.outlet, entry.report_id, entry.id, entry.review_text];
    parts = parts.concat(entry.notes);
    entry.changes.forEach(function (change) {
      change.segments.forEach(function (segment) { parts.push(segment[1]); });
    });
    return parts.join(" \n ").toLowerCase();
  }

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
    if (f.text && texts === null) texts = entries.map(searchText);
    matches = entries.filter(function (entry, i) {
      return (!f.outlet || entry.outlet === f.outlet) &&
        (!f.kind || entry.kinds.some(function (kind) { return kind[0] === f.kind; })) &&
        (!f.status || entry.status === f.status) &&
        reviewMatches(entry.review, f.review) &&
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
    var fragment = document.createDocumentFragment();
    matches.slice(start, end).forEach(function (entry) { fragment.appendChild(renderEntry(entry)); });
    list.replaceChildren(fragment);
    list.setAttribute("start", String(start + 1));
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

  // Links to an entry (from a timeline) open the page holding it, with filters cleared.
  function revealHash() {
    var id = decodeURIComponent(location.hash.replace(/^#entry-/, ""));
    if (!/^#entry-/.test(location.hash) || document.getElementById("entry-" + id)) return;
    var index = entries.findIndex(function (entry) { return entry.id === id; });
    if (index < 0) return;
    Object.keys(controls).forEach(function (name) { controls[name].value = ""; });
    matches = entries; page = Math.floor(index / pageSize); show();
    var target = document.getElementById("entry-" + id);
    if (target) target.scrollIntoView();
  }
  window.addEventListener("hashchange", revealHash);

  apply();
  revealHash();
})();
