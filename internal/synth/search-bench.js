#!/usr/bin/env node
// Compares casebook's search (internal/search, static/js/search.js, the page
// /search/) with Pagefind on the same synthetic site, in headless Chromium.
// search-bench.sh runs it; it has three steps:
//
//   node search-bench.js prepare --site SITE --out BUILT --pagefind-src DIR --pages PAGES.json
//                                [--weighted-src DIR]
//   node search-bench.js measure --out BUILT --pagefind-root DIR --pages PAGES.json --runs 3
//                                --label N --json RESULT.json [--times TIMES.json] [--weighted-root DIR]
//   node search-bench.js report RESULT.json...
//
// prepare: lists the results casebook's index holds: every theme, stage,
// case study, problem of practice, district, resource and plain page, and
// each lesson of a case study (the frontmatter's lessons: list, each
// { theme, text }, numbered from 1 in order; on the case study's page the
// element li.lesson#cb-lesson-N, its address the page's with
// #cb-lesson-N). Their facet values are taken from the site's markdown
// frontmatter the way internal/search/facets.go takes them from the site
// graph: kind; theme and stage (a theme's page has itself as theme, a
// stage's itself as stage); locale, enrollment band, FRL band and region
// through the page's district (a district has its own); year from a case
// study's date; a lesson has its case study's, with kind "lesson" and
// theme its own. It checks those values against the facet columns in
// casebook's index, so both tools filter on the same values, and reads
// from the built HTML what relevance is judged on (see Relevance below).
// Then it writes Pagefind's input: a copy of each of those pages' built
// HTML with data-pagefind-body on <main> and one hidden
// <span data-pagefind-filter="key:value"> per facet value (Pagefind reads a
// comma in an inline value as part of the value, so several values need
// several elements). casebook's output itself is never changed.
// search-bench.sh runs the Pagefind CLI on that copy with
// --exclude-selectors for what casebook does not index either (navigation,
// the facts boxes, lists of other pages' cards, backlinks), so both tools
// index the same text: a page's title, summary, body and lessons.
// --weighted-src writes a second copy in which each page's summary (its
// lede), a pair's problem and solution (p.pair-text) and lesson texts
// carry data-pagefind-weight="10": a Pagefind tuned the way casebook ranks
// (see WEIGHT), measured for relevance only.
//
// measure: serves casebook's output and Pagefind's bundle each under
// /casebook/ from .ci/e2e/lib/server.js (no compression, no caching), and
// for every query, run and tool opens a fresh browser context (an empty
// cache: a first visit) and measures:
//
//   requests, bytes  every request the query makes, counted from the
//                    moment it is typed (casebook) or called (Pagefind).
//                    Bytes are what Chromium received: response headers
//                    plus body (with this server's chunked framing), from
//                    Playwright's request sizes; for a dedicated worker's
//                    script, whose size Chromium does not report, the
//                    bytes the server sent. The server's own count of
//                    requests is checked against Chromium's.
//   time             from typing (casebook: the input event of #cb-q, then
//                    Enter, so the page's 120 ms as-you-type pause is not
//                    included) or the call (Pagefind) to the moment the
//                    first results are in the DOM, on the page's clock.
//
// casebook, a query without facets: /casebook/search/ is loaded first (its
// HTML with the manifest inline, its stylesheet and search.js are not
// counted; they are reported once as the page's own cost), then the query
// is filled into #cb-q and Enter pressed; done when #cb-results has
// li.result children and #cb-search-status is not empty. With facets: the
// URL /casebook/search/?q=...&theme=...&locale=... is opened directly and
// every request but the document, stylesheets, scripts and the favicon is
// counted; the time runs from when search.js could run (the later of the
// document's domInteractive and search.js's responseEnd).
//
// Pagefind: a page of this script's own, /casebook/pagefind-bench/, that
// loads nothing until asked; the query calls import("/casebook/pagefind/
// pagefind.js"), pagefind.search(q, { filters }), the data() of the first
// 10 results, and lists them in the DOM. So pagefind.js, its worker, entry,
// metadata and WebAssembly (the "fixed" part, loaded once per page and kept
// by Pagefind for later queries) count toward the first query, as they do
// on a first visit; the report shows that part separately. casebook has no
// such part: search.js is loaded with the page, and its engine keeps every
// index file it fetched for later queries on the page.
//
// Besides the query set, "english learners" is typed into casebook's page
// a key every 200 ms, slower than its 120 ms pause, as a reader types: the
// requests of every prefix's query add up (its engine keeps what it
// fetched, so a file is fetched once).
//
// Relevance, judged automatically and the same way for both tools: each of
// the first 10 results is graded by its title and its lead text, which
// casebook ranks equally, second only to the title. A page's title is its
// h1 and its lead text its meta description, and for a problem-of-practice
// pair's page its problem and pilot solution (the two p.pair-text
// elements) as well. A casebook lesson (address: its case study's page
// with #cb-lesson-N) is a result of its own, not its case study's page:
// its title is empty (the case study's does not count), its lead text is
// the lesson's text (p.lesson-text), and its facets are its case study's
// with the lesson's own theme. A query word matches a word of the text
// when it is equal to it after folding (case and accents removed), or,
// for the query's last word, is a prefix of it (as both tools match the
// word being typed). Grade 2: every query word matches in the title;
// grade 1: every query word matches in the title or the lead text; else
// 0. A result that does not satisfy the query's facets, or whose address
// was already listed higher (a repeat: the same address twice), gets 0.
// The misspelled query "graduaton" is judged by the word meant,
// "graduation": judged by its own letters no result would be relevant.
// nDCG@10 = DCG / ideal DCG, with DCG = sum over ranks i = 1..10 of
// (2^grade - 1) / log2(i + 1), and the ideal from the grades of every
// possible result that satisfies the facets, best first: all indexed
// pages and all lessons. Pagefind indexes pages and cannot return a
// lesson, so where relevant lessons exist they can raise the ideal beyond
// what Pagefind can reach: this can only lower Pagefind's figure, never
// raise it. The judgment rewards a match in the title or lead text over
// one in the body, which is how casebook ranks and not how Pagefind ranks
// by default (by the words' frequency in the whole page, headings
// weighted); hence the weighted variant. The synthetic titles ("Case
// study 12") hold none of the query words, so grade 2 is rare.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const REPO = path.resolve(__dirname, '../..');
const E2E = path.join(REPO, '.ci/e2e');
const BASE = '/casebook/';
const CHROMIUM = process.env.CHROMIUM || '/usr/bin/chromium';

// The query set: the same queries for both tools. judge is the word a
// misspelled query stands for; budget names casebook's budget it falls
// under at 10,000 case studies.
const QUERIES = [
  { id: 'english', q: 'english', budget: 'one word' },
  { id: 'restorative', q: 'restorative', budget: 'one word' },
  { id: 'coach (prefix)', q: 'coach', budget: 'one word' },
  { id: 'graduaton (misspelt)', q: 'graduaton', judge: 'graduation', budget: 'one word' },
  { id: 'english learners', q: 'english learners' },
  { id: 'english learners, 2 facets', q: 'english learners', facets: { theme: 'quality-instruction', locale: 'suburban' }, budget: 'two words, two facets' },
];
const BUDGETS = {
  'one word': { requests: 3, kb: 60 },
  'two words, two facets': { requests: 6, kb: 120 },
};
// The weight of a page's summary (its lede), a pair's problem and solution
// and its lessons' text in the weighted Pagefind variant: the most
// data-pagefind-weight allows (an h1 has 7 by default, body text 1).
// casebook ranks a word in a result's head (summary, problem and solution,
// lesson text) 6 times one in its body, and its title 12 times.
const WEIGHT = 10;

// ---------- small helpers ----------

function parseFlags(argv) {
  const out = { _: [] };
  for (let i = 0; i < argv.length; i++) {
    if (argv[i].startsWith('--')) out[argv[i].slice(2)] = argv[++i];
    else out._.push(argv[i]);
  }
  return out;
}

function need(flags, ...names) {
  for (const n of names) if (!flags[n]) throw new Error(`--${n} is required`);
}

function median(xs) {
  const s = xs.filter((x) => x !== null && x !== undefined && !Number.isNaN(x)).sort((a, b) => a - b);
  if (!s.length) return null;
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
}

// fold removes case and accents, as casebook's search.Fold and search.js do.
function fold(s) {
  return s.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase();
}
function wordsOf(s) {
  return fold(s).match(/[\p{L}\p{N}]+/gu) || [];
}

const ENTITIES = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: ' ', rsquo: '’', lsquo: '‘', rdquo: '”', ldquo: '“', ndash: '–', mdash: '—', hellip: '…' };
function decodeEntities(s) {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e) => {
    if (e[0] === '#') return String.fromCodePoint(e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10));
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}
function textOf(html) {
  return decodeEntities(html.replace(/<[^>]*>/g, ' ')).replace(/\s+/g, ' ').trim();
}

function filesUnder(dir) {
  const out = [];
  for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    if (e.isDirectory()) out.push(...filesUnder(p));
    else if (e.isFile()) out.push(p);
  }
  return out;
}
function sizeOf(files) {
  return files.reduce((a, f) => a + fs.statSync(f).size, 0);
}

// ---------- prepare: the indexed pages, their facets, Pagefind's input ----------

// frontmatter reads the top-level "key: value" lines of a markdown file's
// frontmatter, the form internal/synth writes; [a, b] is a list. A key
// with an empty value followed by "  - k: v" items (and "    k: v" lines
// continuing an item), as lessons:, is a list of objects.
function frontmatter(file) {
  const text = fs.readFileSync(file, 'utf8');
  const m = text.match(/^---\n([\s\S]*?)\n---/);
  const out = {};
  if (!m) return out;
  const unquote = (v) => v.trim().replace(/^"(.*)"$/, '$1');
  let listKey = null; // the last key with an empty value, whose items may follow
  for (const line of m[1].split('\n')) {
    const item = line.match(/^(\s*-\s+|\s+)([A-Za-z_]+):\s*(.*)$/);
    if (item && listKey) {
      if (!Array.isArray(out[listKey])) out[listKey] = [];
      const items = out[listKey];
      if (item[1].includes('-')) items.push({});
      if (items.length) items[items.length - 1][item[2]] = unquote(item[3]);
      continue;
    }
    listKey = null;
    const kv = line.match(/^([A-Za-z_]+):\s*(.*)$/);
    if (!kv) continue;
    let v = unquote(kv[2]);
    if (v === '') listKey = kv[1];
    else if (v.startsWith('[')) v = v.slice(1, -1).split(',').map((x) => x.trim()).filter(Boolean);
    out[kv[1]] = v;
  }
  return out;
}

// The bands of internal/site/profile.go: the last band whose minimum the
// value reaches.
const ENROLLMENT_BANDS = [[0, 'under-5000'], [5000, '5000-24999'], [25000, '25000-99999'], [100000, '100000-plus']];
const FRL_BANDS = [[0, '0-25'], [26, '26-50'], [51, '51-75'], [76, '76-100']];
function band(bands, v) {
  let slug = bands[0][1];
  for (const [min, s] of bands) if (v >= min) slug = s;
  return slug;
}
// slugify as internal/search's: folded words joined by "-".
function slugify(s) {
  return wordsOf(s).join('-');
}

// indexedPages lists the results casebook indexes, with their facet values
// ({ key: [slug...] }), from the site's markdown: { pages, lessons }. A
// lesson is { path: "case-studies/x/#cb-lesson-N", page: its case study's
// path, id: "cb-lesson-N", facets }.
function indexedPages(site) {
  const content = path.join(site, 'content');
  const mdIn = (dir) => {
    const d = path.join(content, dir);
    return fs.existsSync(d) ? fs.readdirSync(d).filter((f) => f.endsWith('.md') && f !== '_index.md').sort() : [];
  };
  const districts = new Map();
  for (const f of mdIn('districts')) {
    const fm = frontmatter(path.join(content, 'districts', f));
    const v = {};
    if (fm.locale) v.locale = [fm.locale];
    if (Number(fm.enrollment) > 0) v.enrollment = [band(ENROLLMENT_BANDS, Number(fm.enrollment))];
    if (fm.frl_percent !== undefined && fm.frl_percent !== '') v.frl = [band(FRL_BANDS, Number(fm.frl_percent))];
    if (fm.region && slugify(fm.region)) v.region = [slugify(fm.region)];
    districts.set(f.slice(0, -3), v);
  }
  const list = (x) => (Array.isArray(x) ? x : x ? [x] : []);
  const pages = [], lessons = [];
  const clean = (facets) => {
    for (const k of Object.keys(facets)) if (!facets[k] || !facets[k].length) delete facets[k];
    return facets;
  };
  const add = (dir, kind, facetsOf) => {
    for (const f of mdIn(dir)) {
      const slug = f.slice(0, -3);
      const fm = frontmatter(path.join(content, dir, f));
      const facets = clean({ kind: [kind], ...facetsOf(fm, slug) });
      const page = { path: (dir ? dir + '/' : '') + slug + '/', kind, facets };
      pages.push(page);
      if (kind !== 'case-study' || !Array.isArray(fm.lessons)) continue;
      // A lesson: its case study's facets, with its own kind and theme.
      fm.lessons.forEach((l, i) => {
        const id = `cb-lesson-${i + 1}`;
        lessons.push({ path: `${page.path}#${id}`, page: page.path, id, kind: 'lesson',
          facets: clean({ ...facets, kind: ['lesson'], theme: l.theme ? [l.theme] : [] }) });
      });
    }
  };
  const viaDistrict = (fm) => (fm.district && districts.get(fm.district)) || {};
  add('themes', 'theme', (fm, slug) => ({ theme: [slug] }));
  add('journey', 'stage', (fm, slug) => ({ stage: [slug] }));
  add('case-studies', 'case-study', (fm) => ({
    theme: list(fm.themes), stage: list(fm.stages), ...viaDistrict(fm),
    year: /^\d{4}/.test(fm.date || '') ? [fm.date.slice(0, 4)] : [],
  }));
  add('problems', 'problem', (fm) => ({ theme: list(fm.themes), stage: list(fm.stage), ...viaDistrict(fm) }));
  add('districts', 'district', (fm, slug) => ({ ...districts.get(slug) }));
  add('resources', 'resource', (fm) => ({ theme: list(fm.themes), stage: list(fm.stages) }));
  add('', 'page', () => ({}));
  return { pages, lessons };
}

// pageFacts reads what relevance is judged on from a built page: its title
// (the h1), its lead text (the meta description, and a pair's problem and
// solution, its p.pair-text elements), and its lessons' texts by their ids
// (the p.lesson-text of each li.lesson).
function pageFacts(html) {
  const h1 = html.match(/<h1[^>]*>([\s\S]*?)<\/h1>/i);
  const desc = html.match(/<meta\s+name="description"\s+content="([^"]*)"/i);
  const lead = [desc ? decodeEntities(desc[1]) : ''];
  for (const m of html.matchAll(/<p class="pair-text"[^>]*>([\s\S]*?)<\/p>/gi)) lead.push(textOf(m[1]));
  const lessons = {};
  for (const m of html.matchAll(/<li class="lesson" id="([^"]+)">([\s\S]*?)<\/li>/gi)) {
    const text = m[2].match(/<p class="lesson-text"[^>]*>([\s\S]*?)<\/p>/i);
    lessons[m[1]] = text ? textOf(text[1]) : '';
  }
  return { title: h1 ? textOf(h1[1]) : '', lead: lead.filter(Boolean).join(' '), lessons };
}

// crossCheck compares the facet values derived from the markdown with
// those in casebook's index (its facet columns and doc records, read
// through static/js/search.js), for every doc: the pages and the lessons.
// It returns a list of problems.
async function crossCheck(out, pages) {
  const { Engine } = require(path.join(REPO, 'static/js/search.js'));
  const manifest = JSON.parse(fs.readFileSync(path.join(out, 'search/manifest.json'), 'utf8'));
  const engine = new Engine(manifest, (name) => Promise.resolve(new Uint8Array(fs.readFileSync(path.join(out, 'search/index', name)))));
  const json = (bytes) => JSON.parse(new TextDecoder().decode(bytes));
  const columns = await engine.facetColumns();
  const byPath = new Map(pages.map((p) => [p.path, p]));
  const problems = [];
  const seen = new Set();
  const files = Math.ceil(manifest.docs / manifest.recordSize);
  for (let i = 0; i < files; i++) {
    const name = `d-${manifest.records[Math.floor(i / manifest.recordChunk)]}-${i}.json`;
    for (const rec of await engine.file(name, json)) {
      const [id, , url] = rec;
      const page = byPath.get(url);
      if (!page) {
        problems.push(`casebook indexes ${url}, which the markdown does not give`);
        continue;
      }
      seen.add(url);
      manifest.facets.forEach((f, fi) => {
        const c = columns[fi];
        let d = id;
        if (c.inherit && c.parent[d] >= 0) d = c.parent[d];
        const vals = [];
        if (c.multi) {
          for (let k = 0; k < c.width; k++) for (let b = 0; b < 8; b++) if (c.col[d * c.width + k] & (1 << b)) vals.push(k * 8 + b);
        } else {
          const v = c.col[d * c.width] | (c.width === 2 ? c.col[d * c.width + 1] << 8 : 0);
          if (v) vals.push(v - 1);
        }
        const theirs = vals.map((v) => f.values[v].slug).sort().join(',');
        const ours = (page.facets[f.key] || []).slice().sort().join(',');
        if (theirs !== ours) problems.push(`${url} ${f.key}: casebook has [${theirs}], the markdown gives [${ours}]`);
      });
    }
  }
  for (const p of pages) if (!seen.has(p.path)) problems.push(`${p.path} is not in casebook's index`);
  return problems;
}

async function prepare(flags) {
  need(flags, 'site', 'out', 'pagefind-src', 'pages');
  const { pages, lessons } = indexedPages(flags.site);
  let problems;
  try {
    problems = await crossCheck(flags.out, pages.concat(lessons));
  } catch (e) {
    // The index's format belongs to internal/search and may change; the
    // benchmark still runs, with a warning.
    problems = [`could not read casebook's index to check the facets: ${e.message}`];
  }
  if (problems.length) {
    console.log(`facets: ${problems.length} disagreement(s) with casebook's index, e.g.:`);
    for (const p of problems.slice(0, 8)) console.log('  ' + p);
  } else {
    console.log(`facets: the values of all ${pages.length} pages and ${lessons.length} lessons agree with casebook's index`);
  }
  const weighted = flags['weighted-src'];
  fs.rmSync(flags['pagefind-src'], { recursive: true, force: true });
  if (weighted) fs.rmSync(weighted, { recursive: true, force: true });
  const write = (dir, p, html) => {
    const dest = path.join(dir, p.path, 'index.html');
    fs.mkdirSync(path.dirname(dest), { recursive: true });
    fs.writeFileSync(dest, html);
  };
  const lessonsOf = new Map();
  for (const l of lessons) {
    if (!lessonsOf.has(l.page)) lessonsOf.set(l.page, []);
    lessonsOf.get(l.page).push(l);
  }
  for (const p of pages) {
    const html = fs.readFileSync(path.join(flags.out, p.path, 'index.html'), 'utf8');
    const facts = pageFacts(html);
    p.title = facts.title;
    p.lead = facts.lead;
    // A lesson's title is empty: the case study's does not count.
    const mine = lessonsOf.get(p.path) || [];
    for (const l of mine) {
      if (!(l.id in facts.lessons)) throw new Error(`${p.path}: no li.lesson#${l.id}, which the markdown gives`);
      l.title = '';
      l.lead = facts.lessons[l.id];
    }
    if (Object.keys(facts.lessons).length !== mine.length) {
      throw new Error(`${p.path}: ${Object.keys(facts.lessons).length} li.lesson elements, the markdown gives ${mine.length} lessons`);
    }
    const spans = Object.entries(p.facets).flatMap(([k, vs]) => vs.map((v) => `<span data-pagefind-filter="${k}:${v}"></span>`)).join('');
    const copy = html.replace(/<main\b([^>]*)>/, (m, attrs) => `<main data-pagefind-body${attrs}><div hidden>${spans}</div>`);
    if (copy === html) throw new Error(`${p.path}: no <main> element`);
    write(flags['pagefind-src'], p, copy);
    if (weighted) write(weighted, p, copy.replace(/<p class="(lede|pair-text|lesson-text)">/g, `<p class="$1" data-pagefind-weight="${WEIGHT}">`));
  }
  fs.writeFileSync(flags.pages, JSON.stringify({ pages, lessons, problems }));
  console.log(`wrote ${pages.length} pages for Pagefind into ${flags['pagefind-src']} (and listed ${lessons.length} lessons, which only casebook returns)`);
}

// ---------- relevance ----------

function matchesIn(words, w, last) {
  for (const t of words) if (t === w || (last && t.startsWith(w))) return true;
  return false;
}

// grade grades a result (a page or a lesson) by its title and lead text.
function grade(result, qwords) {
  const title = wordsOf(result.title);
  const both = title.concat(wordsOf(result.lead));
  const last = qwords.length - 1;
  if (qwords.every((w, i) => matchesIn(title, w, i === last))) return 2;
  if (qwords.every((w, i) => matchesIn(both, w, i === last))) return 1;
  return 0;
}

function satisfies(result, facets) {
  return Object.entries(facets || {}).every(([k, v]) => (result.facets[k] || []).includes(v));
}

function dcg(grades) {
  return grades.slice(0, 10).reduce((a, g, i) => a + (2 ** g - 1) / Math.log2(i + 2), 0);
}

// judge grades a result list (result paths, best first) for a query.
// results are every possible result: the indexed pages and the lessons.
function judge(query, resultPaths, results) {
  const qwords = wordsOf(query.judge || query.q);
  const byPath = new Map(results.map((r) => [r.path, r]));
  const seen = new Set();
  let repeats = 0, offFacet = 0, unknown = 0, lessons = 0;
  const grades = resultPaths.slice(0, 10).map((p) => {
    const result = byPath.get(p);
    if (!result) {
      unknown++;
      return 0;
    }
    if (seen.has(p)) {
      repeats++;
      return 0;
    }
    seen.add(p);
    if (result.kind === 'lesson') lessons++;
    if (!satisfies(result, query.facets)) {
      offFacet++;
      return 0;
    }
    return grade(result, qwords);
  });
  const possible = results.filter((r) => satisfies(r, query.facets)).map((r) => ({ g: grade(r, qwords), lesson: r.kind === 'lesson' }));
  const ideal = possible.map((x) => x.g).sort((a, b) => b - a);
  const idcg = dcg(ideal);
  return {
    grades, ndcg: idcg > 0 ? dcg(grades) / idcg : null, repeats, offFacet, unknown, lessons,
    relevant: ideal.filter((g) => g > 0).length, relevantLessons: possible.filter((x) => x.lesson && x.g > 0).length,
  };
}

// A result's URL to its path under the base: "case-studies/x/", or for a
// casebook lesson "case-studies/x/#cb-lesson-N" (any other fragment is
// dropped).
function resultPath(url) {
  const u = new URL(url, 'http://x');
  let p = u.pathname;
  if (p.startsWith(BASE)) p = p.slice(BASE.length);
  else p = p.replace(/^\//, '');
  p = p.replace(/index\.html$/, '');
  if (p && !p.endsWith('/')) p += '/';
  if (/^#cb-lesson-\d+$/.test(u.hash)) p += u.hash;
  return p;
}

// ---------- measure ----------

// Every request the loopback servers answer, with the bytes of body they
// sent: a check on Chromium's own count. server.js calls
// http.createServer through the module, so wrapping it here is enough.
const served = [];
const createServer = http.createServer;
http.createServer = (handler) => createServer((req, res) => {
  const rec = { url: req.url, bytes: 0 };
  served.push(rec);
  const write = res.write.bind(res), end = res.end.bind(res);
  res.write = (chunk, ...rest) => {
    if (chunk && typeof chunk !== 'function') rec.bytes += Buffer.byteLength(chunk);
    return write(chunk, ...rest);
  };
  res.end = (chunk, ...rest) => {
    if (chunk && typeof chunk !== 'function') rec.bytes += Buffer.byteLength(chunk);
    return end(chunk, ...rest);
  };
  handler(req, res);
});

// The Pagefind page: nothing loads until runQuery is called.
const PAGEFIND_PAGE = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Pagefind query</title><link rel="icon" href="data:,"></head>
<body><p id="status"></p><ol id="results"></ol>
<script>
window.runQuery = async function (q, filters) {
  const t0 = performance.now();
  const pagefind = await import('${BASE}pagefind/pagefind.js');
  const search = await pagefind.search(q, { filters: filters || {} });
  const data = await Promise.all(search.results.slice(0, 10).map((r) => r.data()));
  const list = document.getElementById('results');
  list.textContent = '';
  for (const d of data) {
    const li = document.createElement('li');
    const a = document.createElement('a');
    a.href = d.url;
    a.textContent = d.meta.title || d.url;
    li.appendChild(a);
    const p = document.createElement('p');
    p.innerHTML = d.excerpt;
    li.appendChild(p);
    list.appendChild(li);
  }
  document.getElementById('status').textContent = search.results.length + ' results';
  const t1 = performance.now();
  return { ms: t1 - t0, total: search.results.length, urls: data.map((d) => d.url) };
};
</script>
</body></html>
`;

// Runs in every casebook document before its scripts: notes when #cb-q
// first gets input and when results are first shown.
function casebookProbe() {
  window.__bench = { typedAt: null, shownAt: null };
  document.addEventListener('input', (e) => {
    if (e.target && e.target.id === 'cb-q' && window.__bench.typedAt === null) window.__bench.typedAt = performance.now();
  }, true);
  const check = () => {
    if (window.__bench.shownAt !== null) return;
    const list = document.getElementById('cb-results');
    const status = document.getElementById('cb-search-status');
    if (list && status && list.querySelector('li.result') && status.textContent.trim() !== '') {
      window.__bench.shownAt = performance.now();
    }
  };
  new MutationObserver(check).observe(document, { childList: true, subtree: true, characterData: true });
}

// Tracks a context's requests from arm() on: { url, type, bytes, status }.
function tracker(context, origin) {
  let armed = false;
  const list = [];
  const pending = new Set();
  let lastEvent = Date.now();
  const byReq = new Map();
  context.on('request', (r) => {
    if (!armed) return;
    const rec = { url: r.url().replace(origin, ''), type: r.resourceType(), bytes: null, status: null };
    list.push(rec);
    byReq.set(r, rec);
    pending.add(r);
    lastEvent = Date.now();
  });
  const done = async (r, failed) => {
    const rec = byReq.get(r);
    if (!rec) return;
    try {
      const resp = failed ? null : await r.response();
      rec.status = resp ? resp.status() : 'failed';
      const s = await r.sizes();
      rec.headerBytes = s.responseHeadersSize;
      rec.bodyBytes = s.responseBodySize;
    } catch {
      rec.status = rec.status || 'unknown';
    }
    pending.delete(r);
    lastEvent = Date.now();
  };
  context.on('requestfinished', (r) => done(r, false));
  context.on('requestfailed', (r) => done(r, true));
  return {
    arm() { armed = true; },
    disarm() { armed = false; },
    list,
    // settle waits until no request is open and none started for quietMs.
    async settle(quietMs = 400, limitMs = 30000) {
      const t0 = Date.now();
      while (pending.size > 0 || Date.now() - lastEvent < quietMs) {
        if (Date.now() - t0 > limitMs) break;
        await new Promise((r) => setTimeout(r, 50));
      }
    },
  };
}

// bytesOf fills each request's bytes: Chromium's headers and body; where
// Chromium has no body size (a worker's script), the server's count.
function fillBytes(reqs, servedNow) {
  for (const r of reqs) {
    let body = r.bodyBytes || 0;
    if (!body) {
      const s = servedNow.find((x) => r.url.endsWith(x.url));
      if (s) body = s.bytes;
    }
    r.bytes = (r.headerBytes || 0) + body;
  }
}

async function measureCasebook(browser, origin, query) {
  const context = await browser.newContext();
  await context.addInitScript(casebookProbe);
  const page = await context.newPage();
  const t = tracker(context, origin);
  const servedFrom = served.length;
  let timing, pageLoad = null;
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  if (!query.facets) {
    // The search page loads first; only what typing causes is counted.
    const pl = tracker(context, origin);
    pl.arm();
    await page.goto(origin + BASE + 'search/', { waitUntil: 'load' });
    await pl.settle();
    pl.disarm();
    pageLoad = pl.list;
    t.arm();
    await page.fill('#cb-q', query.q);
    await page.press('#cb-q', 'Enter');
    await page.waitForFunction(() => window.__bench.shownAt !== null, null, { timeout: 60000 });
    timing = await page.evaluate(() => window.__bench.shownAt - window.__bench.typedAt);
  } else {
    const params = new URLSearchParams({ q: query.q, ...query.facets });
    t.arm();
    await page.goto(origin + BASE + 'search/?' + params, { waitUntil: 'load' });
    await page.waitForFunction(() => window.__bench.shownAt !== null, null, { timeout: 60000 });
    timing = await page.evaluate(() => {
      const nav = performance.getEntriesByType('navigation')[0];
      const js = performance.getEntriesByType('resource').find((e) => /\/js\/search\.js/.test(e.name));
      return window.__bench.shownAt - Math.max(nav.domInteractive, js ? js.responseEnd : 0);
    });
  }
  await t.settle();
  const result = await page.evaluate(() => ({
    urls: [...document.querySelectorAll('#cb-results li.result h3 a')].map((a) => a.getAttribute('href')),
    status: document.getElementById('cb-search-status').textContent,
  }));
  const servedNow = served.slice(servedFrom);
  fillBytes(t.list, servedNow);
  if (pageLoad) fillBytes(pageLoad, servedNow);
  // Chromium asks for the page's favicon when it likes, sometimes after
  // the query is typed: a cost of the page, not of the query. With the URL
  // load, the document, its stylesheet and its scripts are the page's too.
  const skip = (r) => /\/favicon\./.test(r.url) || (query.facets && ['document', 'stylesheet', 'script'].includes(r.type));
  const excluded = t.list.filter(skip);
  const counted = t.list.filter((r) => !skip(r));
  await context.close();
  const total = /^No results/.test(result.status) ? 0 : Number((result.status.match(/^([\d,]+) results?/) || [, 'NaN'])[1].replace(/,/g, ''));
  return {
    ms: timing, requests: counted.length, bytes: counted.reduce((a, r) => a + r.bytes, 0), counted, excluded, pageLoad,
    urls: result.urls, total, status: result.status, errors,
    servedCount: servedNow.length - (pageLoad ? pageLoad.length : 0) - excluded.length,
  };
}

// The query typed key by key, as a reader does.
const TYPED = { q: 'english learners', delay: 200 };

// measureCasebookTyped types q into #cb-q a key every delay ms and counts
// every request from the first key until the results for the whole query
// are shown and the network is quiet.
async function measureCasebookTyped(browser, origin, q, delay) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const t = tracker(context, origin);
  const servedFrom = served.length;
  await page.goto(origin + BASE + 'search/', { waitUntil: 'load' });
  await page.focus('#cb-q');
  await new Promise((r) => setTimeout(r, 500));
  t.arm();
  await page.keyboard.type(q, { delay });
  await page.waitForFunction((want) => {
    const status = document.getElementById('cb-search-status').textContent;
    return status.includes('“' + want + '”') && document.querySelector('#cb-results li.result');
  }, q, { timeout: 60000 });
  await t.settle();
  fillBytes(t.list, served.slice(servedFrom));
  await context.close();
  const counted = t.list.filter((r) => !/\/favicon\./.test(r.url));
  return { requests: counted.length, bytes: counted.reduce((a, r) => a + r.bytes, 0), counted };
}

// Pagefind's fixed part: what a page loads once for all its queries.
function pagefindFixed(url) {
  return /\/pagefind\/(pagefind\.js|pagefind-worker\.js|pagefind-entry\.json|pagefind\.[^/]*\.pf_meta|wasm\.[^/]*\.pagefind)(\?|$)/.test(url);
}

async function measurePagefind(browser, origin, query) {
  const context = await browser.newContext();
  const page = await context.newPage();
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(origin + BASE + 'pagefind-bench/', { waitUntil: 'load' });
  const t = tracker(context, origin);
  const servedFrom = served.length;
  t.arm();
  const r = await page.evaluate(([q, f]) => window.runQuery(q, f), [query.q, query.facets || {}]);
  await t.settle();
  const servedNow = served.slice(servedFrom);
  fillBytes(t.list, servedNow);
  await context.close();
  const fixed = t.list.filter((x) => pagefindFixed(x.url));
  return {
    ms: r.ms, requests: t.list.length, bytes: t.list.reduce((a, x) => a + x.bytes, 0), counted: t.list,
    fixedRequests: fixed.length, fixedBytes: fixed.reduce((a, x) => a + x.bytes, 0),
    urls: r.urls, total: r.total, errors, servedCount: servedNow.length,
  };
}

function indexSizes(out, pfRoot) {
  const cbFiles = filesUnder(path.join(out, 'search/index'));
  const manifest = path.join(out, 'search/manifest.json');
  const pfFiles = filesUnder(path.join(pfRoot, 'pagefind'));
  // What pagefind.search() can load; the rest are Pagefind's UI scripts and
  // styles and the WebAssembly for unknown languages.
  const pfIndex = pfFiles.filter((f) => /\.(pf_meta|pf_index|pf_filter|pf_fragment)$|pagefind-entry\.json$|wasm\.en\.pagefind$|\/pagefind\.js$|pagefind-worker\.js$/.test(f));
  return {
    casebook: { bytes: sizeOf(cbFiles) + fs.statSync(manifest).size, files: cbFiles.length + 1, manifestBytes: fs.statSync(manifest).size },
    pagefind: { bytes: sizeOf(pfFiles), files: pfFiles.length, searchBytes: sizeOf(pfIndex), searchFiles: pfIndex.length },
  };
}

async function measure(flags) {
  need(flags, 'out', 'pagefind-root', 'pages', 'json', 'label');
  const runs = Number(flags.runs || 3);
  const { pages, lessons = [], problems } = JSON.parse(fs.readFileSync(flags.pages, 'utf8'));
  // Every possible result, for the judgment: pages and lessons.
  const possible = pages.concat(lessons);
  fs.mkdirSync(path.join(flags['pagefind-root'], 'pagefind-bench'), { recursive: true });
  fs.writeFileSync(path.join(flags['pagefind-root'], 'pagefind-bench/index.html'), PAGEFIND_PAGE);

  const { serveSite } = require(path.join(E2E, 'lib/server.js'));
  const { CHROMIUM_ARGS } = require(path.join(E2E, 'lib/browser.js'));
  const { chromium } = require(path.join(E2E, 'node_modules/playwright-core'));
  const cbServer = await serveSite(flags.out, BASE);
  const pfServer = await serveSite(flags['pagefind-root'], BASE);
  const weightedRoot = flags['weighted-root'];
  let pfwServer = null;
  if (weightedRoot) {
    fs.mkdirSync(path.join(weightedRoot, 'pagefind-bench'), { recursive: true });
    fs.writeFileSync(path.join(weightedRoot, 'pagefind-bench/index.html'), PAGEFIND_PAGE);
    pfwServer = await serveSite(weightedRoot, BASE);
  }
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
  const result = {
    label: flags.label, runs, chromium: browser.version(), pages: pages.length, facetProblems: problems,
    sizes: indexSizes(flags.out, flags['pagefind-root']),
    times: flags.times ? JSON.parse(fs.readFileSync(flags.times, 'utf8')) : {},
    queries: [],
    typed: [],
  };
  try {
    // Warm the browser and servers up once, uncounted.
    await measureCasebook(browser, cbServer.origin, QUERIES[0]);
    await measurePagefind(browser, pfServer.origin, QUERIES[0]);
    for (const query of QUERIES) result.queries.push({ ...query, casebook: [], pagefind: [] });
    for (let run = 0; run < runs; run++) {
      for (const [i, query] of QUERIES.entries()) {
        const q = result.queries[i];
        // Alternate which tool goes first, so neither always gets the
        // quieter moment.
        const order = run % 2 ? ['pagefind', 'casebook'] : ['casebook', 'pagefind'];
        for (const tool of order) {
          const m = tool === 'casebook'
            ? await measureCasebook(browser, cbServer.origin, query)
            : await measurePagefind(browser, pfServer.origin, query);
          m.judged = judge(query, m.urls.map(resultPath), possible);
          q[tool].push(m);
          process.stdout.write(`  ${flags.label} run ${run + 1} ${tool.padEnd(8)} ${query.id.padEnd(28)} ` +
            `${String(m.requests).padStart(3)} req ${(m.bytes / 1000).toFixed(1).padStart(7)} KB ${m.ms.toFixed(0).padStart(5)} ms ` +
            `nDCG ${m.judged.ndcg === null ? '-' : m.judged.ndcg.toFixed(3)} (${m.total} found)` +
            (m.servedCount !== m.requests ? ` [server saw ${m.servedCount}]` : '') +
            (m.errors.length ? ` [page errors: ${m.errors.join('; ')}]` : '') + '\n');
        }
      }
      // casebook as a reader types: every pause longer than the page's
      // 120 ms runs a query for the letters so far.
      const m = await measureCasebookTyped(browser, cbServer.origin, TYPED.q, TYPED.delay);
      result.typed.push(m);
      process.stdout.write(`  ${flags.label} run ${run + 1} casebook "${TYPED.q}" typed at ${TYPED.delay} ms a key: ` +
        `${m.requests} req ${(m.bytes / 1000).toFixed(1)} KB\n`);
    }
    // The weighted Pagefind: relevance only, which does not vary between
    // runs, so one run.
    if (pfwServer) {
      for (const [i, query] of QUERIES.entries()) {
        const m = await measurePagefind(browser, pfwServer.origin, query);
        m.judged = judge(query, m.urls.map(resultPath), possible);
        result.queries[i].pagefindWeighted = [m];
        process.stdout.write(`  ${flags.label} pagefind, summary weighted ${query.id.padEnd(28)} nDCG ${m.judged.ndcg === null ? '-' : m.judged.ndcg.toFixed(3)}\n`);
      }
    }
  } finally {
    await browser.close();
    await cbServer.close();
    await pfServer.close();
    if (pfwServer) await pfwServer.close();
  }
  fs.writeFileSync(flags.json, JSON.stringify(result, null, 1));
}

// ---------- report ----------

function table(rows) {
  const widths = rows[0].map((_, i) => Math.max(...rows.map((r) => String(r[i]).length)));
  // Text columns (those whose cells are not numbers) to the left, numbers
  // to the right.
  const text = rows[0].map((_, i) => rows.slice(1).some((r) => !/^[-\d.,() ]*$/.test(String(r[i]))));
  const line = (r) => '| ' + r.map((c, i) => (text[i] ? String(c).padEnd(widths[i]) : String(c).padStart(widths[i]))).join(' | ') + ' |';
  const out = [line(rows[0]), '|' + widths.map((w, i) => (text[i] ? ':' + '-'.repeat(w + 1) : '-'.repeat(w + 1) + ':')).join('|') + '|'];
  for (const r of rows.slice(1)) out.push(line(r));
  return out.join('\n');
}

const fmtKB = (b) => (b === null ? '-' : (b / 1000).toFixed(1));
const fmtMs = (x) => (x === null ? '-' : x.toFixed(0));
const fmtN = (x) => (x === null ? '-' : x.toFixed(3));
const fmtInt = (x) => (x === null ? '-' : Math.round(x).toLocaleString('en-US'));

function summary(ms) {
  return {
    requests: median(ms.map((m) => m.requests)),
    bytes: median(ms.map((m) => m.bytes)),
    ms: median(ms.map((m) => m.ms)),
    ndcg: median(ms.map((m) => m.judged.ndcg)),
    total: median(ms.map((m) => m.total)),
    fixedRequests: median(ms.map((m) => m.fixedRequests)),
    fixedBytes: median(ms.map((m) => m.fixedBytes)),
  };
}

function report(flags) {
  const results = flags._.map((f) => JSON.parse(fs.readFileSync(f, 'utf8')));
  const meta = results[0].times || {};
  console.log(`\n## casebook search vs Pagefind ${meta.pagefindVersion || ''}`);
  console.log(`\ncasebook ${meta.commit || ''}; Chromium ${results[0].chromium}; ${meta.cpus || '?'} CPUs; medians of ${results[0].runs} runs.`);
  console.log('Per query: requests and bytes (KB = 1,000 bytes, headers included, no compression by the server) from typing or the');
  console.log('call, time to the first results in the DOM, nDCG@10 by the automatic judgment (see search-bench.js), and results found.');
  console.log('casebook counts a lesson as a result of its own; Pagefind counts pages. Both are judged by a result\'s title and lead');
  console.log('text; the ideal ranking includes lessons, which Pagefind cannot return.\n');
  const rows = [['size', 'query', 'cb req', 'cb KB', 'cb ms', 'cb nDCG', 'cb found', 'pf req', 'pf KB', 'pf ms', 'pf nDCG', 'pf found', 'pf-w nDCG']];
  for (const r of results) {
    for (const q of r.queries) {
      const c = summary(q.casebook), p = summary(q.pagefind);
      const w = q.pagefindWeighted ? summary(q.pagefindWeighted).ndcg : null;
      rows.push([r.label, q.id, c.requests, fmtKB(c.bytes), fmtMs(c.ms), fmtN(c.ndcg), fmtInt(c.total), p.requests, fmtKB(p.bytes), fmtMs(p.ms), fmtN(p.ndcg), fmtInt(p.total), fmtN(w)]);
    }
  }
  console.log(table(rows));
  console.log(`\npf-w: Pagefind with each page's summary, a pair's problem and solution, and lesson texts weighted ${WEIGHT}`);
  console.log('(data-pagefind-weight), as casebook weights a result\'s lead text: relevance only, one run. The judgment rewards a');
  console.log('match in the lead text, which casebook ranks high by design.');

  if (results.some((r) => r.typed && r.typed.length)) {
    console.log(`\ncasebook as a reader types "${TYPED.q}", a key every ${TYPED.delay} ms (longer than the page's 120 ms pause, so`);
    console.log('each prefix runs a query): every request from the first key to the last results, against the query typed at once:\n');
    const tRows = [['size', 'typed req', 'typed KB', 'at once req', 'at once KB']];
    for (const r of results) {
      if (!r.typed || !r.typed.length) continue;
      const once = summary(r.queries.find((q) => q.q === TYPED.q && !q.facets).casebook);
      tRows.push([r.label, median(r.typed.map((m) => m.requests)), fmtKB(median(r.typed.map((m) => m.bytes))), once.requests, fmtKB(once.bytes)]);
    }
    console.log(table(tRows));
  }

  console.log('\nOf Pagefind\'s first-query cost, its fixed part (pagefind.js, its worker, entry, metadata, WebAssembly), which a page loads');
  console.log('once and Pagefind keeps for later queries; the rest (index chunks, filter chunks, fragments) is what a later query pays:\n');
  const fixRows = [['size', 'query', 'fixed req', 'fixed KB', 'per-query req', 'per-query KB']];
  for (const r of results) {
    for (const q of r.queries) {
      const p = summary(q.pagefind);
      fixRows.push([r.label, q.id, p.fixedRequests, fmtKB(p.fixedBytes), p.requests - p.fixedRequests, fmtKB(p.bytes - p.fixedBytes)]);
    }
  }
  console.log(table(fixRows));

  console.log('\nNot counted above: casebook\'s /search/ page itself (HTML with the manifest inline, stylesheet, search.js), loaded');
  console.log('before typing; and what the facet query\'s URL load did not count:\n');
  const plRows = [['size', 'page load req', 'page load KB', 'of which HTML KB', 'manifest KB', 'facet query excluded']];
  for (const r of results) {
    const first = r.queries.find((q) => !q.facets).casebook[0];
    const html = first.pageLoad.find((x) => x.type === 'document');
    const fq = r.queries.find((q) => q.facets).casebook[0];
    plRows.push([r.label, first.pageLoad.length, fmtKB(first.pageLoad.reduce((a, x) => a + x.bytes, 0)), fmtKB(html ? html.bytes : null),
      fmtKB(r.sizes.casebook.manifestBytes), fq.excluded.map((x) => (x.type === 'document' ? 'the document' : x.url.replace(/^.*\//, ''))).join(', ')]);
  }
  console.log(table(plRows));

  console.log('\nBuild and index: casebook\'s whole build (its CLI) and its index alone (BenchmarkIndex: search.Build on the');
  console.log('site graph, wall time); Pagefind\'s CLI over the copy of the same pages. Wall seconds, and in parentheses the');
  console.log('CPU seconds (user + system), which a busy machine disturbs less. Sizes are the sum of file sizes: casebook\'s');
  console.log('search/index/ plus search/manifest.json; Pagefind\'s whole bundle folder, and in parentheses what pagefind.search()');
  console.log('can load (the rest is its UI scripts and styles).\n');
  const bRows = [['size', 'pages', 'cb build s (CPU)', 'cb index s', 'cb index MB', 'cb files', 'pf index s (CPU)', 'pf bundle MB', 'pf files']];
  const secs = (wall, cpu) => (wall ? `${median(wall).toFixed(2)}${cpu ? ` (${median(cpu).toFixed(2)})` : ''}` : '-');
  for (const r of results) {
    const t = r.times || {};
    const s = r.sizes;
    bRows.push([r.label, fmtInt(r.pages), secs(t.casebookBuild, t.casebookBuildCPU),
      t.casebookIndexNs ? (median(t.casebookIndexNs) / 1e9).toFixed(2) : '-',
      (s.casebook.bytes / 1e6).toFixed(2), fmtInt(s.casebook.files),
      secs(t.pagefindIndex, t.pagefindIndexCPU),
      `${(s.pagefind.bytes / 1e6).toFixed(2)} (${(s.pagefind.searchBytes / 1e6).toFixed(2)})`, `${fmtInt(s.pagefind.files)} (${fmtInt(s.pagefind.searchFiles)})`]);
  }
  console.log(table(bRows));
  for (const r of results) {
    if (r.times && r.times.pagefindSummary) console.log(`\nPagefind at ${r.label}: ${r.times.pagefindSummary}`);
    if (r.facetProblems && r.facetProblems.length) console.log(`\nfacet values at ${r.label}: ${r.facetProblems.length} disagreement(s) with casebook's index, e.g. ${r.facetProblems[0]}`);
  }

  const big = results.find((r) => r.label === '10000');
  if (big) {
    console.log('\ncasebook\'s budget at 10,000 case studies (medians):');
    let ok = true;
    for (const q of big.queries) {
      if (!q.budget) continue;
      const b = BUDGETS[q.budget];
      const c = summary(q.casebook);
      const met = c.requests <= b.requests && c.bytes / 1000 <= b.kb;
      ok = ok && met;
      console.log(`  ${met ? 'met   ' : 'MISSED'} ${q.id}: ${c.requests} requests (budget ${b.requests}), ${fmtKB(c.bytes)} KB (budget ${b.kb})`);
    }
    console.log(`  => the budget is ${ok ? 'met' : 'NOT met'}`);
  }
}

async function main() {
  const [cmd, ...rest] = process.argv.slice(2);
  const flags = parseFlags(rest);
  if (cmd === 'prepare') return prepare(flags);
  if (cmd === 'measure') return measure(flags);
  if (cmd === 'report') return report(flags);
  console.error('usage: search-bench.js prepare|measure|report ... (see the header)');
  process.exit(2);
}

main().catch((e) => {
  console.error(`search-bench.js: ${e.stack || e.message}`);
  process.exit(1);
});
