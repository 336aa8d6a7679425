// search.js: the e-zine's search page, in the browser, without a server.
//
// It fetches the index the generator writes (generator/search, whose
// package doc is the contract this file keeps): pages with their text,
// and the site's words grouped by their Dutch stem. Words are folded here
// exactly as in Go: runs of letters, digits and marks; each character
// lower-cased on its own; NFD; marks removed. A query word finds the stems
// of the words that start with it, and a stem it equals plus one of the
// index's suffixes. Results show as the reader types; the status line is
// an aria-live region; passages are built from text nodes and <mark>
// elements, never from HTML. No inline handlers or styles (the site's
// Content-Security-Policy allows neither), no eval, no other host.
(function () {
  "use strict";

  var VERSION = 2;
  // A longer word that starts with the query word counts for less than
  // the word itself (or a suffixed form of its stem).
  var PREFIX_WEIGHT = 0.5;
  // The shortest stem a query word reaches through a suffix (Go:
  // minSuffixStem).
  var MIN_SUFFIX_STEM = 3;
  // A passage longer than this many words is cut around its first match.
  var PASSAGE_WORDS = 32;
  // Time after the last keystroke before the status is announced, so that
  // a screen reader reads the result of the query, not of every letter.
  var ANNOUNCE_DELAY = 400;

  var SEPARATOR = /[^\p{L}\p{N}\p{M}]+/u;
  var WORD = /[\p{L}\p{N}\p{M}]+/gu;
  var MARKS = /\p{M}/gu;
  var PLAIN = /^[a-z0-9]*$/;
  var ASCII = /^[A-Za-z0-9]*$/;

  // foldWord folds one word: lower case, NFD, no combining marks.
  function foldWord(tok) {
    if (PLAIN.test(tok)) {
      return tok;
    }
    if (ASCII.test(tok)) {
      return tok.toLowerCase(); // no context rules apply to ASCII
    }
    var lower = "";
    for (var c of tok) {
      lower += c.toLowerCase(); // one character at a time, as Go does
    }
    return lower.normalize("NFD").replace(MARKS, "");
  }

  // fold splits text into folded words (Go: search.Fold).
  function fold(text) {
    var out = [];
    var parts = String(text).split(SEPARATOR);
    for (var i = 0; i < parts.length; i++) {
      if (parts[i]) {
        var w = foldWord(parts[i]);
        if (w) {
          out.push(w);
        }
      }
    }
    return out;
  }

  // Index is the fetched index, with lookup tables made once.
  function Index(data) {
    this.pages = data.pages;
    this.types = data.types;
    this.deelakkoorden = data.subjects;
    this.stop = new Set(data.stop);
    this.suffixes = new Set(data.suffixes);
    this.stems = data.stems; // [stem, postings, word...]
    this.stemID = new Map();
    this.wordStem = new Map();
    var vocab = [];
    for (var i = 0; i < data.stems.length; i++) {
      var row = data.stems[i];
      this.stemID.set(row[0], i);
      for (var j = 2; j < row.length; j++) {
        this.wordStem.set(row[j], i);
        vocab.push(row[j]);
      }
    }
    vocab.sort(function (a, b) { return a < b ? -1 : a > b ? 1 : 0; });
    this.vocab = vocab;
    this.typeKey = new Map();
    this.deelKey = new Map();
    for (i = 0; i < data.types.length; i++) {
      this.typeKey.set(data.types[i].k, i);
    }
    for (i = 0; i < data.subjects.length; i++) {
      this.deelKey.set(data.subjects[i].k, i);
    }
    this.lines = new Array(data.pages.length); // tokenised text, when needed
  }

  // queryWords folds a query and drops stop words; when only stop words
  // are left, the last one stays, as a prefix being typed.
  Index.prototype.queryWords = function (query) {
    var words = fold(query);
    var self = this;
    var kept = words.filter(function (w) { return !self.stop.has(w); });
    if (kept.length === 0 && words.length > 0) {
      kept = [words[words.length - 1]];
    }
    // The same word twice is one condition.
    return kept.filter(function (w, i) { return kept.indexOf(w) === i; });
  };

  // expand returns the stems a query word matches, stem id -> factor.
  Index.prototype.expand = function (q) {
    var found = new Map();
    var add = function (id, f) {
      if (!(found.get(id) >= f)) {
        found.set(id, f);
      }
    };
    // Words that start with q: binary search for the first, then walk.
    var lo = 0;
    var hi = this.vocab.length;
    while (lo < hi) {
      var mid = (lo + hi) >> 1;
      if (this.vocab[mid] < q) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    for (var i = lo; i < this.vocab.length && this.vocab[i].startsWith(q); i++) {
      add(this.wordStem.get(this.vocab[i]), this.vocab[i] === q ? 1 : PREFIX_WEIGHT);
    }
    // q as a stem, or a word of the site, plus a suffix that stemming
    // removes elsewhere ("opleid" + "ingen", "haven" + "s").
    for (var k = q.length; k >= MIN_SUFFIX_STEM; k--) {
      if (k < q.length && !this.suffixes.has(q.slice(k))) {
        continue;
      }
      var head = q.slice(0, k);
      var id = this.stemID.get(head);
      if (id !== undefined) {
        add(id, 1);
      }
      id = this.wordStem.get(head);
      if (id !== undefined) {
        add(id, 1);
      }
    }
    return found;
  };

  // search returns the matching pages, best first: [{page, index, score,
  // stems}] where stems are the ids of every stem matched.
  Index.prototype.search = function (query, soort, deelakkoord) {
    var words = this.queryWords(query);
    var typeFilter = soort ? this.typeKey.get(soort) : undefined;
    var deelFilter = deelakkoord ? this.deelKey.get(deelakkoord) : undefined;
    var self = this;
    var passes = function (p) {
      if (soort && (typeFilter === undefined || !p.y || p.y.indexOf(typeFilter) < 0)) {
        return false;
      }
      if (deelakkoord && (deelFilter === undefined || !p.d || p.d.indexOf(deelFilter) < 0)) {
        return false;
      }
      return true;
    };
    var results = [];
    if (words.length === 0) {
      if (soort || deelakkoord) { // a filter alone lists its pages
        this.pages.forEach(function (p, i) {
          if (passes(p)) {
            results.push({page: p, index: i, score: 0, stems: new Set(), words: []});
          }
        });
      }
      return results;
    }
    var n = this.pages.length;
    var total = new Float64Array(n);
    var alive = new Uint8Array(n).fill(1);
    var matched = new Set();
    var perWord = [];
    for (var w = 0; w < words.length; w++) {
      var stems = this.expand(words[w]);
      var s = new Float64Array(n);
      stems.forEach(function (f, id) {
        matched.add(id);
        var post = self.stems[id][1];
        for (var j = 0; j < post.length; j += 2) {
          s[post[j]] += f * post[j + 1];
        }
      });
      var df = 0;
      for (var i = 0; i < n; i++) {
        if (s[i] > 0) {
          df++;
        } else {
          alive[i] = 0; // every word must match
        }
      }
      var idf = Math.log(1 + n / Math.max(df, 1));
      for (i = 0; i < n; i++) {
        total[i] += Math.log2(1 + s[i]) * idf;
      }
      perWord.push(new Set(stems.keys()));
    }
    for (i = 0; i < n; i++) {
      if (alive[i] && passes(this.pages[i])) {
        results.push({page: this.pages[i], index: i, score: total[i], stems: matched, words: perWord});
      }
    }
    results.sort(function (a, b) { return b.score - a.score || a.index - b.index; });
    return results;
  };

  // tokens splits a line of text into its words: [start, end, stem id].
  Index.prototype.tokens = function (text) {
    var out = [];
    WORD.lastIndex = 0;
    var m;
    while ((m = WORD.exec(text)) !== null) {
      var id = this.wordStem.get(foldWord(m[0]));
      out.push([m.index, m.index + m[0].length, id === undefined ? -1 : id]);
    }
    return out;
  };

  // linesOf returns a page's text as lines with their tokens, made once.
  Index.prototype.linesOf = function (r) {
    var lines = this.lines[r.index];
    if (!lines) {
      var self = this;
      lines = r.page.x ? r.page.x.split("\n").map(function (t) {
        return {text: t, toks: self.tokens(t)};
      }) : [];
      this.lines[r.index] = lines;
    }
    return lines;
  };

  // passage picks the line of a result with the most query words in it,
  // and returns it as {text, toks, from, to} (token range to show).
  Index.prototype.passage = function (r) {
    var best = null;
    var bestWords = 0;
    var bestHits = 0;
    var candidates = this.linesOf(r);
    if (r.page.h) { // headings, when the text has nothing
      var self = this;
      candidates = candidates.concat(r.page.h.map(function (t) { return {text: t, toks: self.tokens(t)}; }));
    }
    for (var i = 0; i < candidates.length; i++) {
      var line = candidates[i];
      var hits = 0;
      var seen = 0;
      for (var w = 0; w < r.words.length; w++) {
        for (var k = 0; k < line.toks.length; k++) {
          if (r.words[w].has(line.toks[k][2])) {
            seen++;
            break;
          }
        }
      }
      for (k = 0; k < line.toks.length; k++) {
        if (r.stems.has(line.toks[k][2])) {
          hits++;
        }
      }
      if (hits > 0 && (seen > bestWords || seen === bestWords && hits > bestHits)) {
        best = line;
        bestWords = seen;
        bestHits = hits;
      }
    }
    if (!best) {
      var text = r.page.l || (r.page.x || "").split("\n")[0];
      best = {text: text, toks: this.tokens(text)};
    }
    var from = 0;
    var to = best.toks.length;
    if (to > PASSAGE_WORDS) {
      var first = 0;
      while (first < to && !r.stems.has(best.toks[first][2])) {
        first++;
      }
      if (first === to) {
        first = 0;
      }
      from = Math.max(0, Math.min(first - 8, to - PASSAGE_WORDS));
      to = from + PASSAGE_WORDS;
    }
    return {text: best.text, toks: best.toks, from: from, to: to};
  };

  // marked appends text to parent with the tokens whose stem is in stems
  // wrapped in <mark>; from and to limit it to a range of tokens, with an
  // ellipsis where the text is cut.
  function marked(parent, text, toks, stems, from, to) {
    if (toks.length === 0) {
      parent.appendChild(document.createTextNode(text));
      return;
    }
    var start = from > 0 ? toks[from][0] : 0;
    var end = to < toks.length ? toks[to - 1][1] : text.length;
    var pos = start;
    if (from > 0) {
      parent.appendChild(document.createTextNode("… "));
    }
    for (var i = from; i < to; i++) {
      var t = toks[i];
      if (!stems.has(t[2])) {
        continue;
      }
      if (t[0] > pos) {
        parent.appendChild(document.createTextNode(text.slice(pos, t[0])));
      }
      var mark = document.createElement("mark");
      mark.textContent = text.slice(t[0], t[1]);
      parent.appendChild(mark);
      pos = t[1];
    }
    if (end > pos) {
      parent.appendChild(document.createTextNode(text.slice(pos, end)));
    }
    if (to < toks.length) {
      parent.appendChild(document.createTextNode(" …"));
    }
  }

  // count says "1 resultaat" or "3 resultaten".
  function count(n, one, many) {
    return n + " " + (n === 1 ? one : many);
  }

  function init() {
    var app = document.getElementById("zoeken-app");
    var form = document.getElementById("zoeken");
    var noJS = document.getElementById("zoeken-zonder-js");
    if (!app || !form || !window.fetch || !("normalize" in String.prototype)) {
      return; // the page's own message and list of articles stay
    }
    var input = form.elements.namedItem("q");
    var soort = form.elements.namedItem("soort");
    var deel = form.elements.namedItem("deelakkoord");
    var status = document.getElementById("zoeken-status");
    var list = document.getElementById("zoekresultaten");
    var index = null;
    var timer = 0;
    var api = window.ezineZoeken;

    app.hidden = false;
    if (noJS) {
      noJS.hidden = true;
    }
    var params = new URLSearchParams(window.location.search);
    input.value = params.get("q") || "";
    if (soort) {
      soort.value = params.get("soort") || "";
    }
    if (deel) {
      deel.value = params.get("deelakkoord") || "";
    }

    function announce(text, now) {
      window.clearTimeout(timer);
      if (now) {
        status.textContent = text;
        return;
      }
      timer = window.setTimeout(function () { status.textContent = text; }, ANNOUNCE_DELAY);
    }

    function filterNames() {
      var names = [];
      [soort, deel].forEach(function (sel) {
        if (sel && sel.value && sel.selectedIndex > 0) {
          names.push(sel.options[sel.selectedIndex].text);
        }
      });
      return names;
    }

    // syncURL keeps the address in step with the form, so that it can be
    // shared and Back returns to the same results.
    function syncURL() {
      var p = new URLSearchParams();
      if (input.value.trim()) {
        p.set("q", input.value.trim());
      }
      if (soort && soort.value) {
        p.set("soort", soort.value);
      }
      if (deel && deel.value) {
        p.set("deelakkoord", deel.value);
      }
      var qs = p.toString();
      window.history.replaceState(null, "", window.location.pathname + (qs ? "?" + qs : ""));
    }

    function render(results) {
      while (list.firstChild) {
        list.removeChild(list.firstChild);
      }
      results.forEach(function (r) {
        var li = document.createElement("li");
        li.className = "zoekresultaat";
        var h = document.createElement("h2");
        var a = document.createElement("a");
        a.href = r.page.u;
        var tt = index.tokens(r.page.t);
        marked(a, r.page.t, tt, r.stems, 0, tt.length);
        h.appendChild(a);
        li.appendChild(h);
        var meta = [];
        (r.page.y || []).forEach(function (i) { meta.push(index.types[i].t); });
        (r.page.d || []).forEach(function (i) { meta.push(index.deelakkoorden[i].t); });
        if (meta.length) {
          var m = document.createElement("p");
          m.className = "zoekresultaat-meta";
          m.textContent = meta.join(" · ");
          li.appendChild(m);
        }
        var ps = index.passage(r);
        if (ps.text) {
          var p = document.createElement("p");
          p.className = "zoekresultaat-passage";
          marked(p, ps.text, ps.toks, r.stems, ps.from, Math.min(ps.to, ps.toks.length));
          li.appendChild(p);
        }
        list.appendChild(li);
      });
      list.hidden = results.length === 0;
    }

    // update runs the search for the form as it is now.
    function update(now) {
      syncURL();
      if (!index) {
        return;
      }
      var query = input.value.trim();
      var filters = filterNames();
      var results = index.search(query, soort && soort.value, deel && deel.value);
      render(results);
      var within = filters.length ? " in " + filters.join(", ") : "";
      if (!query && !filters.length) {
        announce("", true);
      } else if (!query) {
        announce(count(results.length, "artikel", "artikelen") + within + ".", now);
      } else if (results.length === 0) {
        announce("Geen resultaten voor ‘" + query + "’" + within + ". Probeer een ander of korter woord" + (filters.length ? ", of zet een filter uit." : "."), now);
      } else {
        announce(count(results.length, "resultaat", "resultaten") + " voor ‘" + query + "’" + within + ".", now);
      }
    }

    input.addEventListener("input", function () { update(false); });
    [soort, deel].forEach(function (sel) {
      if (sel) {
        sel.addEventListener("change", function () { update(true); });
      }
    });
    form.addEventListener("submit", function (event) {
      event.preventDefault(); // the results are already on the page
      update(true);
    });

    if (input.value || (soort && soort.value) || (deel && deel.value)) {
      announce("Zoekindex laden…", true);
    }
    var url = form.getAttribute("data-index");
    window.fetch(url, {credentials: "same-origin"})
      .then(function (res) {
        if (!res.ok) {
          throw new Error("HTTP " + res.status);
        }
        return res.json();
      })
      .then(function (data) {
        if (!data || data.v !== VERSION) {
          throw new Error("unknown index version");
        }
        index = new Index(data);
        api.index = index;
        update(true);
        form.setAttribute("data-klaar", "");
      })
      .catch(function () {
        announce("Zoeken lukt nu niet: de zoekindex kon niet worden geladen. Hieronder staan alle artikelen.", true);
      });
  }

  // For the browser tests, and the curious: the folding and the index.
  window.ezineZoeken = {fold: fold, Index: Index, index: null};

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
