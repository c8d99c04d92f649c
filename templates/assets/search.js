/* Offline search of the course: reads the index that assets/search-index.js
   puts in window.coursepackSearch (a script, because browsers do not fetch
   JSON from file://) and lists the sections that contain every word of the
   query. Case, accents and Arabic short vowels are ignored. No network. */
(function () {
  "use strict";

  var MARKS = /[\u0300-\u036f\u0610-\u061a\u064b-\u065f\u0670\u06d6-\u06ed\u0640]/g;

  function fold(text) {
    return text.normalize("NFKD").replace(MARKS, "").toLowerCase()
      .replace(/[\u0622\u0623\u0625]/g, "\u0627");
  }

  function fill(template, values) {
    return template.replace(/\{(\w+)\}/g, function (whole, name) {
      return Object.prototype.hasOwnProperty.call(values, name) ? values[name] : whole;
    });
  }

  function words(query) {
    return fold(query).split(/[\s.,;:!?؟،"'“”«»()]+/).filter(function (w) { return w; });
  }

  function count(haystack, needle) {
    var n = 0;
    var at = haystack.indexOf(needle);
    while (at !== -1) { n += 1; at = haystack.indexOf(needle, at + needle.length); }
    return n;
  }

  function snippet(text, terms) {
    var sentences = text.split(/(?<=[.!?؟])\s+/);
    for (var i = 0; i < sentences.length; i++) {
      var folded = fold(sentences[i]);
      if (terms.some(function (t) { return folded.indexOf(t) !== -1; })) {
        var s = sentences[i];
        return s.length > 240 ? s.slice(0, 237) + "…" : s;
      }
    }
    return text.slice(0, 200) + (text.length > 200 ? "…" : "");
  }

  function search(docs, query) {
    var terms = words(query);
    if (!terms.length) { return []; }
    var hits = [];
    docs.forEach(function (doc, order) {
      var title = doc.ftitle;
      var body = doc.ftext;
      var score = 0;
      for (var i = 0; i < terms.length; i++) {
        var inTitle = count(title, terms[i]);
        var inBody = count(body, terms[i]);
        if (!inTitle && !inBody) { return; }
        score += 5 * inTitle + inBody;
      }
      hits.push({ doc: doc, score: score, order: order });
    });
    hits.sort(function (a, b) { return b.score - a.score || a.order - b.order; });
    return hits.slice(0, 30).map(function (hit) { return hit.doc; });
  }

  function show(form, docs, query) {
    var list = document.querySelector(".search__results");
    var status = document.querySelector(".search__status");
    list.textContent = "";
    if (!query.trim()) { status.textContent = ""; return; }
    var found = search(docs, query);
    var terms = words(query);
    found.forEach(function (doc) {
      var item = document.createElement("li");
      item.className = "search__hit";
      var where = document.createElement("p");
      where.className = "eyebrow";
      where.textContent = doc.where;
      var link = document.createElement("a");
      link.href = doc.href;
      link.textContent = doc.title;
      var heading = document.createElement("h2");
      heading.className = "search__title";
      heading.appendChild(link);
      var text = document.createElement("p");
      text.textContent = snippet(doc.text, terms);
      item.appendChild(where);
      item.appendChild(heading);
      item.appendChild(text);
      list.appendChild(item);
    });
    var template = found.length === 1 ? form.dataset.one
      : found.length ? form.dataset.results : form.dataset.none;
    status.textContent = fill(template, { count: found.length, query: query.trim() });
  }

  function start() {
    var form = document.querySelector("form.search");
    var data = window.coursepackSearch;
    if (!form || !data) { return; }
    var docs = data.docs.map(function (doc) {
      return { title: doc.title, where: doc.where, href: doc.href, text: doc.text,
        ftitle: fold(doc.title), ftext: fold(doc.text) };
    });
    var input = form.querySelector("input[name=q]");
    var query = new URLSearchParams(window.location.search).get("q") || "";
    input.value = query;
    show(form, docs, query);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      show(form, docs, input.value);
      if (window.history && window.history.replaceState) {
        try {
          window.history.replaceState(null, "", "?q=" + encodeURIComponent(input.value));
        } catch (ignored) { /* some LMS frames forbid it */ }
      }
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
