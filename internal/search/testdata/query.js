// Runs queries through static/js/search.js, the code the search page
// runs, against an index written to a folder: the Go tests' way of asking
// the index what a reader would see.
//
// usage: node query.js SEARCH_JS SITE_DIR < queries.json
//   queries.json: [{ "q": "english", "facets": { "theme": ["x"] }, "more": 1, "full": true }, ...]
// prints: [{ "total", "titles", "urls", "kinds", "snippets", "counts", "files" }, ...]
// where files lists the index files the query read, in order; more asks
// for that many further pages after the first, and full answers by the
// general path even where a precomputed answer exists.
'use strict';

const fs = require('fs');
const path = require('path');

const [searchJS, site] = process.argv.slice(2);
const search = require(path.resolve(searchJS));
const manifest = JSON.parse(fs.readFileSync(path.join(site, 'search', 'manifest.json'), 'utf8'));
const queries = JSON.parse(fs.readFileSync(0, 'utf8'));

(async () => {
  const out = [];
  for (const q of queries) {
    const files = [];
    const engine = new search.Engine(manifest, async (name) => {
      files.push(name);
      return new Uint8Array(fs.readFileSync(path.join(site, 'search', 'index', name)));
    });
    let r;
    if (q.full) {
      // The general path, which every query but a one-word one takes:
      // the tests compare it with the precomputed one-word answers.
      const ws = search.words(q.q || '', engine.stop, engine.stem);
      const matches = await Promise.all(ws.map((w, i) => engine.match(w, i === ws.length - 1)));
      r = await engine.full(ws, matches, engine.selected(q.facets || {}));
      r.terms = [].concat(...matches.map((ms) => ms.map((x) => x.entry.term)));
    } else {
      r = await engine.search({ q: q.q || '', facets: q.facets || {} });
    }
    let results = r.results;
    let next = r.next;
    for (let i = 0; i < (q.more || 0) && next; i++) {
      const p = await engine.more(next);
      results = results.concat(p.results);
      next = p.next;
    }
    const counts = {};
    manifest.facets.forEach((f, fi) => {
      f.values.forEach((v, vi) => {
        if (r.counts[fi][vi]) counts[f.key + '=' + v.slug] = r.counts[fi][vi];
      });
    });
    out.push({
      total: r.total,
      titles: results.map((x) => x.title),
      langs: results.map((x) => x.lang),
      urls: results.map((x) => x.url),
      kinds: results.map((x) => manifest.kinds[x.kind]),
      snippets: results.map((x) => search.splitMarks(x.snippet || '', new Set(r.terms), engine.stem)
        .map((p) => (p.mark ? '<mark>' + p.text + '</mark>' : p.text)).join('')),
      counts,
      files,
      more: next !== null,
    });
  }
  process.stdout.write(JSON.stringify(out, null, 1) + '\n');
})().catch((e) => {
  console.error(e.stack || String(e));
  process.exit(1);
});
