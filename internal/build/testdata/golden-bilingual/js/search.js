/* casebook search: answers queries on /search/ from the index casebook
 * writes into search/index/, fetching only the pieces a query needs.
 *
 * The same file runs under Node for the index's tests: there it exports
 * the engine (see module.exports at the end) and touches no page.
 *
 * What a query fetches (internal/search/index.go describes the files):
 *   - the term shards holding its words (and the words they begin);
 *   - for one word and no filters, the word's top list, which holds the
 *     first page of results with their snippets and counts its filters;
 *   - otherwise the facet columns, for filters and counts, and the doc
 *     records of the results shown.
 */
(function (factory) {
  'use strict';
  var api = factory();
  if (typeof module === 'object' && module.exports) {
    module.exports = api;
  } else if (typeof document !== 'undefined') {
    api.start(document, window);
  }
})(function () {
  'use strict';

  // Ranking, as internal/search/terms.go: where a word is (title, head,
  // body three times or more, body) times how it matched.
  var TIER_WEIGHT = [0, 1, 2, 6, 12]; // by tier: body, body often, head, title
  var QUALITY = { typo: 1, prefix: 2, exact: 3 };
  var PAGE = 10;
  var MAX_WORDS = 8;
  var WORD = /[\p{L}\p{M}\p{N}]+/gu;
  var utf8 = new TextDecoder();

  // fold removes accents and case, as search.Fold does in Go.
  function fold(s) {
    return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().replace(/ς/g, 'σ');
  }

  var utf8Encoder = new TextEncoder();

  // stemSpanish cuts a folded Spanish word to the stem its forms share,
  // as search.StemSpanish does in Go (lengths in bytes, as Go counts).
  function stemSpanish(w) {
    var n = utf8Encoder.encode(w).length;
    var ends = function (s) { return w.slice(-s.length) === s; };
    var cut = function (k) { return n - k >= 3; };
    if (ends('eses') && cut(4)) w = w.slice(0, -4);
    else if ((ends('os') || ends('as') || ends('es')) && cut(2)) w = w.slice(0, -2);
    else if ((ends('o') || ends('a') || ends('e')) && cut(1)) w = w.slice(0, -1);
    // A z before a plural's -es is written c (luz, luces): both end in c.
    if (w.slice(-1) === 'z') w = w.slice(0, -1) + 'c';
    return w;
  }

  // stemmerFor returns how the index's words were stemmed: its manifest's
  // lang says.
  function stemmerFor(lang) {
    return lang === 'es' ? stemSpanish : function (w) { return w; };
  }

  // words lists the terms of a query worth searching for: its words
  // folded, without stop words, stemmed as the index's are.
  function words(q, stop, stem) {
    stem = stem || function (w) { return w; };
    var out = [];
    var seen = new Set();
    var m;
    WORD.lastIndex = 0;
    while ((m = WORD.exec(q)) !== null) {
      var w = fold(m[0]);
      if (w === '' || stop.has(w)) continue;
      if ([...w].length === 1 && !/[0-9]/.test(w)) continue;
      w = stem(w);
      if (seen.has(w)) continue;
      seen.add(w);
      out.push(w);
    }
    return out.slice(0, MAX_WORDS);
  }

  // ---------- reading the binary files ----------

  function Reader(bytes) {
    this.b = bytes;
    this.i = 0;
  }
  Reader.prototype.uint = function () {
    var x = 0, scale = 1, c;
    do {
      c = this.b[this.i++];
      x += (c & 0x7f) * scale;
      scale *= 128;
    } while (c & 0x80);
    return x;
  };
  Reader.prototype.bytes = function (n) {
    var out = this.b.subarray(this.i, this.i + n);
    this.i += n;
    return out;
  };
  // set reads a doc set: { ids } or { bits }.
  Reader.prototype.set = function () {
    var mode = this.uint();
    if (mode === 0) {
      var n = this.uint();
      var ids = new Int32Array(n);
      var prev = -1;
      for (var k = 0; k < n; k++) {
        prev += this.uint();
        ids[k] = prev;
      }
      return { ids: ids };
    }
    return { bits: this.bytes(this.uint()) };
  };
  // counts reads sparse facet counts into { values, counts }.
  Reader.prototype.counts = function () {
    var n = this.uint();
    var values = new Int32Array(n), counts = new Int32Array(n);
    var prev = -1;
    for (var k = 0; k < n; k++) {
      prev += this.uint();
      values[k] = prev;
      counts[k] = this.uint();
    }
    return { values: values, counts: counts };
  };

  // eachDoc calls fn with every doc of a set, in order.
  function eachDoc(set, fn) {
    if (set.ids) {
      for (var k = 0; k < set.ids.length; k++) fn(set.ids[k]);
      return;
    }
    var bits = set.bits;
    for (var i = 0; i < bits.length; i++) {
      var byte = bits[i];
      while (byte) {
        var low = byte & -byte;
        fn(i * 8 + 31 - Math.clz32(low));
        byte ^= low;
      }
    }
  }

  // decodeShard reads a term shard into a Map of term → entry.
  function decodeShard(bytes) {
    var r = new Reader(bytes);
    var n = r.uint();
    var terms = new Map();
    var prev = new Uint8Array(0);
    for (var k = 0; k < n; k++) {
      var shared = r.uint();
      var suffix = r.bytes(r.uint());
      var raw = new Uint8Array(shared + suffix.length);
      raw.set(prev.subarray(0, shared));
      raw.set(suffix, shared);
      prev = raw;
      var term = utf8.decode(raw);
      var flags = r.uint();
      var sets = [null, null, null, null, null];
      for (var tier = 4; tier >= 1; tier--) sets[tier] = r.set();
      var entry = { term: term, sets: sets, counts: r.counts(), prefixCounts: null, begins: (flags & 1) === 1 };
      if (entry.begins) entry.prefixCounts = r.counts();
      terms.set(term, entry);
    }
    return terms;
  }

  // ---------- the engine ----------

  /**
   * Engine answers queries from an index. manifest is the parsed
   * manifest; load(name) resolves to the bytes of an index file (gzipped
   * or not: a host may already have inflated it).
   */
  function Engine(manifest, load) {
    this.m = manifest;
    this.load = load;
    this.cache = new Map(); // file name → Promise of its decoded content
    this.stop = new Set(manifest.stop);
    this.stem = stemmerFor(manifest.lang);
    this.offsets = [];
    var n = 0;
    for (var f = 0; f < manifest.facets.length; f++) {
      this.offsets.push(n);
      n += manifest.facets[f].values.length;
    }
    this.values = n;
  }

  Engine.prototype.file = function (name, decode) {
    if (!this.cache.has(name)) {
      var self = this;
      var p = this.load(name).then(inflate).then(decode);
      p.catch(function () { self.cache.delete(name); });
      this.cache.set(name, p);
    }
    return this.cache.get(name);
  };

  function decodeJSON(bytes) { return JSON.parse(utf8.decode(bytes)); }

  // covering returns the files of a [first term, name] list whose runs
  // overlap the terms from lo to hi.
  function covering(list, lo, hi) {
    var out = [];
    for (var i = 0; i < list.length; i++) {
      var next = i + 1 < list.length ? list[i + 1][0] : null;
      if (list[i][0] <= hi && (next === null || next > lo)) out.push(list[i][1]);
    }
    return out;
  }

  // terms resolves to the entries of every term from lo to hi.
  Engine.prototype.terms = function (lo, hi) {
    var self = this;
    var names = covering(this.m.terms, lo, hi).map(function (h) { return 't-' + h + '.bin'; });
    return Promise.all(names.map(function (n) { return self.file(n, decodeShard); })).then(function (shards) {
      var out = [];
      shards.forEach(function (s) {
        s.forEach(function (e, t) { if (t >= lo && t <= hi) out.push(e); });
      });
      return out;
    });
  };

  // match finds the terms a query word stands for: itself, the longer
  // words it begins when it is the last word (the one being typed) and has
  // three letters or more, and, when neither exists and it has five
  // letters or more, the words one typing mistake away. (Two letters begin
  // too many words to be worth their download.)
  Engine.prototype.match = function (w, last) {
    var self = this;
    var letters = [...w].length;
    var hi = last && letters >= 3 ? w + '\uffff' : w;
    return this.terms(w, hi).then(function (entries) {
      var found = [];
      entries.forEach(function (e) {
        if (e.term === w) found.push({ entry: e, quality: QUALITY.exact });
        else found.push({ entry: e, quality: QUALITY.prefix });
      });
      if (found.length > 0 || letters < 5) return found;
      var start = [...w].slice(0, 2).join('');
      return self.terms(start, start + '\uffff').then(function (near) {
        near.forEach(function (e) {
          if (oneEdit(w, e.term)) found.push({ entry: e, quality: QUALITY.typo });
        });
        if (found.length > 0 || !last) return found;
        // A word being typed may begin a longer word with a mistake in it.
        near.forEach(function (e) {
          if (e.term.length > w.length && oneEdit(w, e.term.slice(0, w.length))) found.push({ entry: e, quality: QUALITY.typo });
        });
        return found;
      });
    });
  };

  // oneEdit reports whether b is a and one letter added, removed, changed,
  // or two neighbours swapped.
  function oneEdit(a, b) {
    if (a === b) return false;
    var x = [...a], y = [...b];
    if (Math.abs(x.length - y.length) > 1) return false;
    var i = 0;
    while (i < x.length && i < y.length && x[i] === y[i]) i++;
    if (x.length === y.length) {
      if (x.slice(i + 1).join('') === y.slice(i + 1).join('')) return true;
      return x[i] === y[i + 1] && x[i + 1] === y[i] && x.slice(i + 2).join('') === y.slice(i + 2).join('');
    }
    if (x.length > y.length) return x.slice(i + 1).join('') === y.slice(i).join('');
    return x.slice(i).join('') === y.slice(i + 1).join('');
  }

  // facetColumns resolves to every doc's facet values: a column per
  // facet, and each lesson's case study (parent), for the facets a lesson
  // has through it.
  Engine.prototype.facetColumns = function () {
    var m = this.m;
    return this.file('f-' + m.facetFile + '.bin', function (bytes) {
      var r = new Reader(bytes);
      var columns = m.facets.map(function (f) {
        var width = r.uint();
        return { width: width, col: r.bytes(width * m.docs), multi: f.multi, inherit: !!f.inherit };
      });
      var parent = new Int32Array(m.docs).fill(-1);
      var n = r.uint(), doc = 0, par = 0;
      for (var k = 0; k < n; k++) {
        doc += r.uint();
        par += r.uint();
        parent[doc] = par;
      }
      columns.forEach(function (c) { c.parent = parent; });
      return columns;
    });
  };

  // docValues calls fn with each value doc d has in a facet's column.
  function docValues(column, d, fn) {
    if (column.inherit && column.parent[d] >= 0) d = column.parent[d];
    var w = column.width, col = column.col, at = d * w;
    if (column.multi) {
      for (var k = 0; k < w; k++) {
        var byte = col[at + k];
        while (byte) {
          var low = byte & -byte;
          fn(k * 8 + 31 - Math.clz32(low));
          byte ^= low;
        }
      }
      return;
    }
    var v = col[at] | (w === 2 ? col[at + 1] << 8 : 0);
    if (v) fn(v - 1);
  }

  /**
   * search answers a query: state is { q, facets: { key: [slug...] } }.
   * It resolves to { words, terms, total, results, counts, next }: the
   * words searched, every term matched (for marking), the number of
   * results, the first PAGE of them as { id, title, url, kind, district,
   * year, snippet }, the count of each facet value (counts[f][v]), and a
   * cursor for more (null when there are no more).
   */
  Engine.prototype.search = function (state) {
    var self = this;
    var ws = words(state.q || '', this.stop, this.stem);
    var selected = this.selected(state.facets || {});
    var anySelected = selected.some(function (s) { return s !== null; });
    if (ws.length === 0 && !anySelected) {
      // Nothing to search for: every value's count over the whole site.
      return Promise.resolve({ words: [], terms: [], total: 0, results: [], counts: this.dense(this.m.counts), next: null,
        ignored: words(state.q || '', new Set()).length > 0 });
    }
    // Start the downloads the answer will need while the words are looked
    // up: the facet columns for several words or a filter, the top list
    // for one word.
    if (ws.length > 1 || anySelected) {
      this.facetColumns();
    } else if ([...ws[0]].length >= 3) {
      this.topList(ws[0]);
    }
    return Promise.all(ws.map(function (w, i) { return self.match(w, i === ws.length - 1); })).then(function (matches) {
      var terms = [];
      matches.forEach(function (ms) { ms.forEach(function (x) { terms.push(x.entry.term); }); });
      if (matches.some(function (ms) { return ms.length === 0; })) {
        return { words: ws, terms: terms, total: 0, results: [], counts: self.dense(null), next: null };
      }
      var quick = ws.length === 1 && !anySelected && self.quick(matches[0]);
      if (quick) {
        return self.fromTop(quick, matches[0]).then(function (r) {
          r.words = ws;
          r.terms = terms;
          return r;
        });
      }
      return self.full(ws, matches, selected).then(function (r) {
        r.words = ws;
        r.terms = terms;
        return r;
      });
    });
  };

  // selected turns the facets of a state into, for each facet, a Set of
  // value indexes, or null when none of its values is chosen.
  Engine.prototype.selected = function (chosen) {
    return this.m.facets.map(function (f) {
      var slugs = chosen[f.key] || [];
      var set = new Set();
      f.values.forEach(function (v, i) { if (slugs.indexOf(v.slug) >= 0) set.add(i); });
      return set.size ? set : null;
    });
  };

  // dense turns flat counts (an array by flat value number, or sparse
  // { values, counts }) into counts[f][v].
  Engine.prototype.dense = function (flat) {
    var self = this;
    var all = new Int32Array(this.values);
    if (flat && flat.counts) {
      for (var k = 0; k < flat.values.length; k++) all[flat.values[k]] = flat.counts[k];
    } else if (flat) {
      all.set(flat);
    }
    return this.m.facets.map(function (f, i) {
      return Array.from(all.subarray(self.offsets[i], self.offsets[i] + f.values.length));
    });
  };

  // quick says whether one word's results and counts are precomputed: it
  // matched one term alone (itself, the one longer word it begins, or one
  // a typing mistake away), or itself and every word it begins. It returns
  // that term's entry and which of its lists to use.
  Engine.prototype.quick = function (matched) {
    if (matched.length === 1) return { entry: matched[0].entry, prefix: false };
    var exact = matched.filter(function (x) { return x.quality === QUALITY.exact; })[0];
    // With its longer words matched too, a term matched all of them: the
    // terms between it and the end of its run are the words it begins.
    if (exact && exact.entry.begins && matched.every(function (x) { return x.entry.term.startsWith(exact.entry.term); })) {
      return { entry: exact.entry, prefix: true };
    }
    return null;
  };

  // topList resolves to the top-list file that holds term t.
  Engine.prototype.topList = function (t) {
    return this.file('r-' + covering(this.m.tops, t, t)[0] + '.json', decodeJSON);
  };

  // fromTop answers one word from a term's top list.
  Engine.prototype.fromTop = function (quick, matched) {
    var self = this;
    var t = quick.entry.term;
    return this.topList(t).then(function (top) {
      var byId = new Map();
      top.docs.forEach(function (d) { byId.set(d[0], d); });
      var list = (quick.prefix ? top.prefix : top.exact)[t] || [];
      var counts = self.dense(quick.prefix ? quick.entry.prefixCounts : quick.entry.counts);
      var total = counts[0].reduce(function (a, b) { return a + b; }, 0);
      var results = list.map(function (h) { return result(byId.get(h[0]), h[1]); });
      var next = total > results.length ? { words: [t], matches: [matched], selected: self.selected({}), from: results.length } : null;
      return { total: total, results: results, counts: counts, next: next };
    });
  };

  function result(rec, snippet) {
    return { id: rec[0], title: rec[1], url: rec[2], kind: rec[3], district: rec[4], year: rec[5], snippet: snippet, lang: rec[7] || '' };
  }

  // scores ranks every doc for the words: the sum over words of each
  // word's best match, and -1 for a doc some word does not match.
  Engine.prototype.scores = function (matches) {
    var n = this.m.docs;
    var total = new Int32Array(n);
    var word = new Int32Array(n);
    matches.forEach(function (ms, wi) {
      word.fill(0);
      ms.forEach(function (x) {
        for (var tier = 1; tier <= 4; tier++) {
          var s = x.quality * TIER_WEIGHT[tier];
          eachDoc(x.entry.sets[tier], function (d) { if (s > word[d]) word[d] = s; });
        }
      });
      for (var d = 0; d < n; d++) {
        if (total[d] < 0) continue;
        if (word[d] === 0) total[d] = -1;
        else total[d] += word[d];
      }
    });
    return total;
  };

  // full answers any query: the ranked results and counts (see rank), and
  // the first page of results fetched.
  Engine.prototype.full = function (ws, matches, selected) {
    var self = this;
    return this.rank(ws, matches, selected).then(function (r) {
      return self.page({ ids: r.ids, from: 0, matches: matches }).then(function (p) {
        return { total: r.ids.length, results: p.results, counts: r.counts, next: p.next };
      });
    });
  };

  // rank scores every doc the words match, keeps those with the chosen
  // facet values, counts every facet value among them (each facet's
  // counts leave out its own choice, so the count beside a second value
  // says what choosing it adds), and sorts them best first.
  Engine.prototype.rank = function (ws, matches, selected) {
    var self = this;
    var m = this.m;
    return this.facetColumns().then(function (columns) {
      var n = m.docs;
      var score = ws.length ? self.scores(matches) : null;
      var facets = m.facets;
      var counts = facets.map(function (f) { return new Array(f.values.length).fill(0); });
      var ids = [];
      var has = function (f, d) {
        var ok = false;
        docValues(columns[f], d, function (v) { if (selected[f].has(v)) ok = true; });
        return ok;
      };
      for (var d = 0; d < n; d++) {
        if (score && score[d] <= 0) continue;
        var failed = 0, failedFacet = -1;
        for (var f = 0; f < facets.length && failed < 2; f++) {
          if (selected[f] !== null && !has(f, d)) {
            failed++;
            failedFacet = f;
          }
        }
        if (failed > 1) continue;
        for (var g = 0; g < facets.length; g++) {
          if (failed === 1 && g !== failedFacet) continue;
          docValues(columns[g], d, function (v) { counts[g][v]++; });
        }
        if (failed === 0) ids.push(d);
      }
      if (score && (ws.length > 1 || selected.some(function (x) { return x !== null; }))) {
        ids.sort(byScoreThenFile(score, ids, m.recordSize));
      } else if (score) {
        ids.sort(function (a, b) { return score[b] - score[a] || a - b; });
      }
      return { ids: ids, counts: counts };
    });
  };

  // byScoreThenFile orders results best first; results that match equally
  // well come a record file at a time, the file with the most of them
  // first, and in the site's order within a file. The first page of a
  // query with several words or filters then takes a few record files
  // rather than one per result: a reader cannot tell equals apart, but
  // waits for every download. (One word keeps the site's order, which its
  // precomputed top list has.)
  function byScoreThenFile(score, ids, size) {
    var held = new Map(); // score and file → results they hold
    var key = function (d) { return score[d] * 1e7 + Math.floor(d / size); };
    ids.forEach(function (d) { held.set(key(d), (held.get(key(d)) || 0) + 1); });
    return function (a, b) {
      return score[b] - score[a] || held.get(key(b)) - held.get(key(a)) ||
        Math.floor(a / size) - Math.floor(b / size) || a - b;
    };
  }

  /**
   * more resolves to the next page of results for a cursor a search (or
   * an earlier more) returned: { results, next }.
   */
  Engine.prototype.more = function (cursor) {
    var self = this;
    if (cursor.ids) return this.page(cursor);
    // A one-word answer came from its top list: rank every result now.
    return this.rank(cursor.words, cursor.matches, cursor.selected).then(function (r) {
      return self.page({ ids: r.ids, from: cursor.from, matches: cursor.matches });
    });
  };

  // page fetches the records of PAGE results from a cursor.
  Engine.prototype.page = function (cursor) {
    var self = this;
    var m = this.m;
    var ids = cursor.ids.slice(cursor.from, cursor.from + PAGE);
    var files = [];
    ids.forEach(function (id) {
      var f = Math.floor(id / m.recordSize);
      if (files.indexOf(f) < 0) files.push(f);
    });
    var name = function (f) { return 'd-' + m.records[Math.floor(f / m.recordChunk)] + '-' + f + '.json'; };
    return Promise.all(files.map(function (f) { return self.file(name(f), decodeJSON); })).then(function (recs) {
      var byId = new Map();
      recs.forEach(function (list) { list.forEach(function (r) { byId.set(r[0], r); }); });
      var results = ids.map(function (id) {
        var r = byId.get(id);
        return result(r, r[6]);
      });
      var to = cursor.from + ids.length;
      var next = to < cursor.ids.length ? { ids: cursor.ids, from: to, matches: cursor.matches } : null;
      return { results: results, next: next };
    });
  };

  // splitMarks cuts text into parts, marking the words that are matched
  // terms: [{ text, mark }].
  function splitMarks(text, terms, stem) {
    stem = stem || function (w) { return w; };
    var parts = [];
    var last = 0, m;
    var re = new RegExp(WORD.source, 'gu');
    while ((m = re.exec(text)) !== null) {
      if (!terms.has(stem(fold(m[0])))) continue;
      if (m.index > last) parts.push({ text: text.slice(last, m.index), mark: false });
      parts.push({ text: m[0], mark: true });
      last = m.index + m[0].length;
    }
    if (last < text.length) parts.push({ text: text.slice(last), mark: false });
    return parts;
  }

  // inflate gunzips bytes that start with gzip's signature.
  function inflate(bytes) {
    if (!(bytes.length > 2 && bytes[0] === 0x1f && bytes[1] === 0x8b)) return Promise.resolve(bytes);
    var stream = new Blob([bytes]).stream().pipeThrough(new DecompressionStream('gzip'));
    return new Response(stream).arrayBuffer().then(function (b) { return new Uint8Array(b); });
  }

  // ---------- the page ----------

  // readState reads a query and filters from a URL's parameters.
  function readState(params, manifest) {
    var facets = {};
    manifest.facets.forEach(function (f) {
      var vals = params.getAll(f.key).filter(function (v) { return v !== ''; });
      if (vals.length) facets[f.key] = vals;
    });
    return { q: params.get('q') || '', facets: facets };
  }

  function writeState(state, manifest) {
    var params = new URLSearchParams();
    if (state.q.trim()) params.set('q', state.q.trim());
    manifest.facets.forEach(function (f) {
      (state.facets[f.key] || []).forEach(function (v) { params.append(f.key, v); });
    });
    var s = params.toString();
    return s ? '?' + s : '';
  }

  // The texts the page shows, in its language: the search page gives
  // them (layouts/search.html); these are for a page that does not.
  var TEXT = {
    old_browser: 'Search needs a newer browser than this one, so browse the casebook from the pages below instead.',
    too_common: '“{q}” is too common to search for. Add a more specific word.',
    load_failed: 'Search could not load its index ({error}). Try again, or browse the casebook from the pages below.',
    more_failed: 'More results could not be loaded ({error}).',
    for: ' for “{q}”',
    filters_one: ' with 1 filter',
    filters_other: ' with {n} filters',
    none: 'No results{what}. Try fewer or different words.',
    none_filtered: 'No results{what}. Try fewer or different words, or remove a filter.',
    result_one: '1 result{what}.',
    results: '{n} results{what}.',
    results_showing: '{n} results{what}, showing the first {shown}.',
    thousands_separator: ','
  };

  // say returns the text for key with its {name} parts filled from vars.
  function say(key, vars) {
    var s = Object.prototype.hasOwnProperty.call(TEXT, key) ? TEXT[key] : key;
    return s.replace(/\{(\w+)\}/g, function (all, name) {
      return vars && Object.prototype.hasOwnProperty.call(vars, name) ? String(vars[name]) : all;
    });
  }

  function number(n) {
    return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, TEXT.thousands_separator);
  }

  function start(doc, win) {
    var root = doc.getElementById('cb-search');
    var data = doc.getElementById('cb-search-data');
    if (!root || !data) return;
    var form = doc.getElementById('cb-search-form');
    var input = doc.getElementById('cb-q');
    var body = doc.getElementById('cb-search-body');
    var status = doc.getElementById('cb-search-status');
    var list = doc.getElementById('cb-results');
    var more = doc.getElementById('cb-more');
    var facetsBox = doc.getElementById('cb-facets');
    var nojs = doc.getElementById('cb-search-nojs');
    var texts = doc.getElementById('cb-search-text');
    if (texts) Object.assign(TEXT, JSON.parse(texts.textContent));
    if (!('DecompressionStream' in win) || !win.fetch) {
      nojs.textContent = say('old_browser');
      return;
    }
    var manifest = JSON.parse(data.textContent);
    var indexURL = root.getAttribute('data-index');
    var baseURL = root.getAttribute('data-base');
    var engine = new Engine(manifest, function (name) {
      return win.fetch(indexURL + name).then(function (r) {
        if (!r.ok) throw new Error('HTTP ' + r.status + ' for ' + name);
        return r.arrayBuffer();
      }).then(function (b) { return new Uint8Array(b); });
    });

    nojs.hidden = true;
    form.hidden = false;
    body.hidden = false;

    var state = readState(new URLSearchParams(win.location.search), manifest);
    var boxes = buildFacets(doc, facetsBox, manifest);
    var cursor = null;
    var total = 0;
    var terms = new Set();
    var seq = 0;
    var timer = 0;

    function showState() {
      input.value = state.q;
      boxes.forEach(function (b) {
        b.input.checked = (state.facets[b.key] || []).indexOf(b.slug) >= 0;
      });
    }

    function run() {
      var mine = ++seq;
      body.setAttribute('aria-busy', 'true');
      return engine.search(state).then(function (r) {
        if (mine !== seq) return;
        body.removeAttribute('aria-busy');
        terms = new Set(r.terms);
        cursor = r.next;
        list.textContent = '';
        r.results.forEach(function (res) { list.appendChild(resultItem(doc, res, manifest, baseURL, terms, engine.stem)); });
        more.hidden = !cursor;
        updateCounts(boxes, r.counts, manifest);
        total = r.total;
        status.textContent = r.words.length === 0 && r.ignored ? say('too_common', { q: state.q.trim() })
          : describe(r.total, r.results.length, state, manifest);
      }).catch(function (err) {
        if (mine !== seq) return;
        body.removeAttribute('aria-busy');
        status.textContent = say('load_failed', { error: err.message });
      });
    }

    // update changes the state, the URL and the results: push makes a
    // history entry (a filter, a submitted query), otherwise the entry is
    // replaced (typing).
    function update(push) {
      var url = win.location.pathname + writeState(state, manifest);
      if (push) win.history.pushState(null, '', url);
      else win.history.replaceState(null, '', url);
      return run();
    }

    input.addEventListener('input', function () {
      state.q = input.value;
      clearTimeout(timer);
      timer = setTimeout(function () { update(false); }, 120);
    });
    form.addEventListener('submit', function (e) {
      e.preventDefault();
      clearTimeout(timer);
      state.q = input.value;
      update(true);
    });
    boxes.forEach(function (b) {
      b.input.addEventListener('change', function () {
        var vals = (state.facets[b.key] || []).filter(function (v) { return v !== b.slug; });
        if (b.input.checked) vals.push(b.slug);
        state.facets[b.key] = vals;
        update(true);
      });
    });
    more.addEventListener('click', function () {
      if (!cursor) return;
      var mine = seq;
      var first = list.children.length;
      more.disabled = true;
      engine.more(cursor).then(function (p) {
        more.disabled = false;
        if (mine !== seq) return;
        cursor = p.next;
        p.results.forEach(function (res) { list.appendChild(resultItem(doc, res, manifest, baseURL, terms, engine.stem)); });
        more.hidden = !cursor;
        var link = list.children[first] && list.children[first].querySelector('a');
        if (link) link.focus();
        status.textContent = describe(total, list.children.length, state, manifest);
      }).catch(function (err) {
        more.disabled = false;
        status.textContent = say('more_failed', { error: err.message });
      });
    });
    win.addEventListener('popstate', function () {
      state = readState(new URLSearchParams(win.location.search), manifest);
      showState();
      run();
    });

    showState();
    if (state.q.trim() || Object.keys(state.facets).length) run();
    else updateCounts(boxes, engine.dense(manifest.counts), manifest);
  }

  // buildFacets makes a fieldset of checkboxes per facet.
  function buildFacets(doc, box, manifest) {
    var boxes = [];
    manifest.facets.forEach(function (f) {
      var set = doc.createElement('fieldset');
      set.className = 'facet';
      var legend = doc.createElement('legend');
      legend.textContent = f.label;
      set.appendChild(legend);
      var ul = doc.createElement('ul');
      f.values.forEach(function (v, i) {
        var li = doc.createElement('li');
        var input = doc.createElement('input');
        input.type = 'checkbox';
        input.name = f.key;
        input.value = v.slug;
        input.id = 'cb-f-' + f.key + '-' + i;
        var label = doc.createElement('label');
        label.htmlFor = input.id;
        var name = doc.createElement('span');
        name.textContent = v.label;
        var count = doc.createElement('span');
        count.className = 'facet-count';
        label.appendChild(name);
        label.appendChild(doc.createTextNode(' '));
        label.appendChild(count);
        li.appendChild(input);
        li.appendChild(label);
        ul.appendChild(li);
        boxes.push({ key: f.key, slug: v.slug, input: input, li: li, count: count, set: set });
      });
      set.appendChild(ul);
      box.appendChild(set);
    });
    return boxes;
  }

  // updateCounts shows each value's count; values with none are hidden
  // unless chosen, and a facet with nothing to show is hidden whole.
  function updateCounts(boxes, counts, manifest) {
    var visible = new Map();
    var k = 0;
    manifest.facets.forEach(function (f, fi) {
      f.values.forEach(function (v, vi) {
        var b = boxes[k++];
        var n = counts[fi][vi];
        b.count.textContent = '(' + number(n) + ')';
        b.li.hidden = n === 0 && !b.input.checked;
        if (!b.li.hidden) visible.set(b.set, true);
      });
    });
    boxes.forEach(function (b) { b.set.hidden = !visible.get(b.set); });
  }

  // describe says how many results there are for the query and filters,
  // and how many are shown.
  function describe(total, shown, state, manifest) {
    var q = state.q.trim();
    var chosen = 0;
    manifest.facets.forEach(function (f) { chosen += (state.facets[f.key] || []).length; });
    if (!q && !chosen) return '';
    var what = (q ? say('for', { q: q }) : '') + (chosen ? say(chosen === 1 ? 'filters_one' : 'filters_other', { n: number(chosen) }) : '');
    if (total === 0) return say(chosen ? 'none_filtered' : 'none', { what: what });
    if (total === 1) return say('result_one', { what: what });
    if (total > shown) return say('results_showing', { n: number(total), what: what, shown: number(shown) });
    return say('results', { n: number(total), what: what });
  }

  // resultItem makes one result: its title as a link, its kind, district
  // and year, and a snippet with the matched words marked.
  function resultItem(doc, r, manifest, baseURL, terms, stem) {
    var li = doc.createElement('li');
    li.className = 'result';
    var h = doc.createElement('h3');
    h.className = 'result-title';
    var a = doc.createElement('a');
    a.href = baseURL + r.url;
    if (r.lang) a.lang = r.lang; // an untranslated page's title
    appendMarked(doc, a, r.title, terms, stem);
    h.appendChild(a);
    li.appendChild(h);
    var meta = doc.createElement('p');
    meta.className = 'result-meta';
    [manifest.kinds[r.kind], r.district, r.year ? String(r.year) : ''].forEach(function (t) {
      if (!t) return;
      var s = doc.createElement('span');
      s.textContent = t;
      meta.appendChild(s);
    });
    li.appendChild(meta);
    if (r.snippet) {
      var p = doc.createElement('p');
      p.className = 'result-snippet';
      if (r.lang) p.lang = r.lang;
      appendMarked(doc, p, r.snippet, terms, stem);
      li.appendChild(p);
    }
    return li;
  }

  function appendMarked(doc, el, text, terms, stem) {
    splitMarks(text, terms, stem).forEach(function (part) {
      if (part.mark) {
        var m = doc.createElement('mark');
        m.textContent = part.text;
        el.appendChild(m);
      } else {
        el.appendChild(doc.createTextNode(part.text));
      }
    });
  }

  return { Engine: Engine, fold: fold, words: words, stemSpanish: stemSpanish, describe: describe, say: say, readState: readState, writeState: writeState, splitMarks: splitMarks, start: start };
});
