#!/usr/bin/env node
// The search page (/search/) in a real browser, as a reader uses it, once
// for each base path a site was built for (a subpath and the host's root):
//
//   shown       with JavaScript on, the no-JavaScript sentence is hidden and
//               the form is shown
//   lazy        opened without a query, no index file (search/index/) is
//               requested before the search box is focused
//   results     typing "english learners" with the keyboard shows results;
//               the status names their number and the query; the URL has q;
//               typing replaced the history entry instead of adding one
//   links       every result links under the base path
//   marks       the matched words are marked (<mark>) in the results
//   counts      the filters show a count beside every value they show, and
//               no value without results
//   filter      Tab to the first value of the "locale" filter that has
//               results and Space: the URL gets the parameter, a history
//               entry is added and the number of results is the count that
//               was shown beside the value
//   back        the back button: the parameter leaves the URL, the box is
//               unticked and the results are the first ones again
//   axe-1280    axe-core (WCAG 2.0 and 2.1 A and AA, as the gates) on the
//               page with results and filters shown at 1280 px
//   open        Enter on the first result opens a page whose h1 is its title
//   axe-375     the same at 375 px, and no horizontal overflow
//   shared-url  search/?q=english&kind=case-study opened directly shows
//               results without typing, every one a case study
//   spanish     on a build with a Spanish edition, es/search/?q=familias
//               opened directly: the page is lang="es", its status speaks
//               Spanish, results link under the base path's es/, and a
//               form of the word (familia) is marked: the index is stemmed
//               (a build in one language passes with nothing to check)
//   nojs        with JavaScript off: the no-JavaScript sentence and the
//               browse links are shown, the form and the (empty) results
//               and filters are not
//   header      the header search on the About page (else the home page)
//               submits to the search page with q, and results appear
//   not-found   the 404 page's own search form does the same
//   errors      no JavaScript error and no failed request in any of these
//
// usage: node search.js --site DIR --base-url URL [--site DIR --base-url URL ...]
//        node search.js --casebook BINARY [--src SITE_DIR]
//
//   --site, --base-url  a build of the site and the --base-url it was built
//                       with; repeat the pair to test several builds (each
//                       --site goes with the --base-url after it)
//   --casebook          instead, build SITE_DIR (default: the current folder)
//                       with this binary twice, for https://example.org/casebook/
//                       and https://example.org/, into a temporary folder
//
// Each build is served under its base path from a loopback server
// (lib/server.js). Prints a line per check and base path, then
// "search: N passed, M failed"; exits 1 if any check failed, 2 on bad usage.
// A check that needs an earlier one (filter needs counts, say) is reported
// as not run, and failed, when that one failed. Outside CI the checks are
// skipped when Chromium, playwright-core or axe-core is missing; with
// CI=true that is a failure.
//
// The builds run side by side in one Chromium; within a build, the checks
// from shown to open run in order on one page, the others beside them.
// Environment: CHROMIUM (default /usr/bin/chromium).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { serveSite } = require('./lib/server');
const { basePathOf } = require('./lib/site');
const { isExecutable, missingTools, reportMissing } = require('./lib/tools');

const CHECKS = ['shown', 'lazy', 'results', 'links', 'marks', 'counts', 'filter', 'back', 'axe-1280', 'open',
  'axe-375', 'shared-url', 'spanish', 'nojs', 'header', 'not-found', 'errors'];
const DEFAULT_BASES = ['https://example.org/casebook/', 'https://example.org/'];
const QUERY = 'english learners';
const SHARED = { q: 'english', key: 'kind', slug: 'case-study', meta: 'Case study' };
const HEADER_QUERY = 'english';
const NOT_FOUND_QUERY = 'learners';
const FILTER_FACET = 'locale';
const WAIT = 10000; // how long results may take to show
const TYPE_DELAY = 40; // ms between key presses
const USAGE = 'usage: node search.js --site DIR --base-url URL [--site DIR --base-url URL ...]\n' +
  '       node search.js --casebook BINARY [--src SITE_DIR]';

function parseArgs(argv) {
  const opts = { sites: [] };
  let pending = null;
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const take = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--site') {
      if (pending) usage(`--site ${pending} has no --base-url`);
      pending = take();
    } else if (a === '--base-url') {
      if (!pending) usage('--base-url must follow a --site');
      opts.sites.push({ dir: pending, baseURL: take() });
      pending = null;
    } else if (a === '--casebook') opts.casebook = take();
    else if (a === '--src') opts.src = take();
    else usage(`unknown argument ${a}`);
  }
  if (pending) usage(`--site ${pending} has no --base-url`);
  if (opts.casebook && opts.sites.length) usage('give either --casebook or --site/--base-url pairs, not both');
  if (opts.src && !opts.casebook) usage('--src goes with --casebook');
  if (!opts.casebook && !opts.sites.length) usage('--site DIR --base-url URL (or --casebook BINARY) is required');
  for (const s of opts.sites) {
    try {
      basePathOf(s.baseURL);
    } catch {
      usage(`${s.baseURL} is not a URL`);
    }
  }
  return opts;
}

function usage(msg) {
  console.error(`search: ${msg}\n${USAGE}`);
  process.exit(2);
}

// ---- in the page ------------------------------------------------------------

// Runs in the page: everything the checks look at on the search page.
function searchFacts() {
  const $ = (s) => document.querySelector(s);
  const visible = (el) => {
    if (!el) return false;
    const s = getComputedStyle(el);
    const b = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && b.width > 0 && b.height > 0;
  };
  const text = (el) => (el ? el.textContent.replace(/\s+/g, ' ').trim() : '');
  const body = $('#cb-search-body');
  return {
    url: location.href,
    params: [...new URLSearchParams(location.search)],
    history: history.length,
    q: $('#cb-q') ? $('#cb-q').value : null,
    formShown: visible($('#cb-search-form')),
    nojsShown: visible($('#cb-search-nojs')),
    nojsText: text($('#cb-search-nojs')),
    bodyShown: visible(body),
    busy: !!body && body.hasAttribute('aria-busy'),
    status: text($('#cb-search-status')),
    more: visible($('#cb-more')),
    results: [...document.querySelectorAll('#cb-results > li.result')].map((li) => {
      const a = li.querySelector('h3.result-title > a');
      return {
        title: text(a),
        href: a ? a.getAttribute('href') : null,
        abs: a ? a.href : null,
        meta: [...li.querySelectorAll('p.result-meta > *')].map(text),
        metaText: text(li.querySelector('p.result-meta')),
        marks: li.querySelectorAll('mark').length,
        snippetMarks: li.querySelectorAll('p.result-snippet mark').length,
      };
    }),
    facets: [...document.querySelectorAll('#cb-facets fieldset.facet')].map((f) => ({
      legend: text(f.querySelector('legend')),
      shown: visible(f),
      values: [...f.querySelectorAll('input[type="checkbox"]')].map((box) => {
        const label = box.id ? document.querySelector(`label[for="${CSS.escape(box.id)}"]`) : box.closest('label');
        const count = label ? label.querySelector('span.facet-count') : null;
        const m = count ? /^\((\d[\d,]*)\)$/.exec(text(count)) : null;
        return {
          key: box.name,
          slug: box.value,
          label: label ? text(label) : '',
          countText: text(count),
          count: m ? Number(m[1].replace(/,/g, '')) : null,
          shown: visible(box) && visible(label),
          checked: box.checked,
        };
      }),
    })),
  };
}

// Runs in the page: has the search settled on what we wait for? want: { q
// (the query the status must quote, or null), params (the URL's parameters
// as sorted "k=v" joined by "&", or null), status (the exact status, or null) }.
function settled(want) {
  const body = document.getElementById('cb-search-body');
  const status = document.getElementById('cb-search-status');
  if (!body || !status || body.hasAttribute('aria-busy')) return false;
  const t = status.textContent.replace(/\s+/g, ' ').trim();
  if (!t) return false;
  if (want.q !== null && !t.includes(`“${want.q}”`)) return false;
  if (want.status !== null && t !== want.status) return false;
  if (want.params !== null) {
    const have = [...new URLSearchParams(location.search)].map(([k, v]) => `${k}=${v}`).sort().join('&');
    if (have !== want.params) return false;
  }
  return true;
}

function paramsKey(pairs) {
  return pairs.map(([k, v]) => `${k}=${v}`).sort().join('&');
}

// Waits until the page settled; on a timeout says what it shows instead.
async function waitSettled(page, want, what) {
  const full = { q: null, params: null, status: null, ...want };
  try {
    await page.waitForFunction(settled, full, { timeout: WAIT, polling: 50 });
  } catch (e) {
    if (!/timeout/i.test(e.message)) throw e;
    let now = '(could not read the page)';
    try {
      const f = await page.evaluate(searchFacts);
      now = `status "${f.status}", ${f.results.length} results, URL ${f.url}${f.busy ? ', still aria-busy' : ''}`;
    } catch { /* the page is gone */ }
    throw new Error(`not within ${WAIT / 1000} s: ${what}; the page shows ${now}`);
  }
  return page.evaluate(searchFacts);
}

// "12 results for “x”, showing the first 10." → 12; "1 result …" → 1;
// "No results …" → 0; anything else → null.
function statusTotal(status) {
  if (/^No results\b/.test(status)) return 0;
  const m = /^(\d[\d,]*) results?\b/.exec(status);
  return m ? Number(m[1].replace(/,/g, '')) : null;
}

function shownFacets(facts) {
  return facts.facets.filter((f) => f.shown).map((f) => ({ ...f, values: f.values.filter((v) => v.shown) }));
}

// The status names the total, and the list holds all of it or a first page
// with "Show more results".
function consistent(facts, label) {
  const total = statusTotal(facts.status);
  if (total === null) throw new Error(`${label}: the status does not name a number of results: "${facts.status}"`);
  const n = facts.results.length;
  if (total === n) {
    if (facts.more) throw new Error(`${label}: all ${n} results are shown but "Show more results" is too`);
  } else if (!(n > 0 && n < total && facts.more && facts.status.includes(`showing the first ${n}`))) {
    throw new Error(`${label}: the status says ${total} results ("${facts.status}") but the list holds ${n}` +
      `${facts.more ? '' : ' and there is no "Show more results"'}`);
  }
  return total;
}

// ---- the checks -------------------------------------------------------------

// Checks one build. contexts: { desktop, mobile, nojs } browser contexts.
// Resolves to the results in CHECKS order: [{ name, ok, detail, ms }].
async function checkSite({ contexts, dir, baseURL, axePath }) {
  const { axeViolations, overflowingElements } = require('./lib/browser');
  const basePath = basePathOf(baseURL);
  const root = path.resolve(dir);
  if (!fs.existsSync(path.join(root, 'search', 'index.html'))) {
    throw Object.assign(new Error(`${root} has no search/index.html; is it a casebook build with the search page?`), { plain: true });
  }
  const server = await serveSite(root, basePath);
  const origin = server.origin;
  const searchPath = `${basePath}search/`;
  const searchURL = origin + searchPath;
  const indexPath = `${searchPath}index/`;
  const notFoundPath = `${basePath}no/such/page/`;

  const problems = []; // for the errors check: JavaScript errors, failed requests
  const pages = [];
  const newPage = async (ctx, name) => {
    const page = await ctx.newPage();
    pages.push(page);
    page.on('pageerror', (e) => problems.push(`${name}: JavaScript error: ${e.message.split('\n')[0]}`));
    page.on('response', (r) => {
      const u = new URL(r.url());
      // The missing deep URL is meant to answer 404.
      if (r.status() >= 400 && !(u.pathname === notFoundPath && r.request().resourceType() === 'document')) {
        problems.push(`${name}: ${r.status()} ${u.pathname}${u.search}`);
      }
    });
    page.on('requestfailed', (req) => {
      const why = req.failure()?.errorText || 'failed';
      if (why !== 'net::ERR_ABORTED') problems.push(`${name}: ${why} ${req.url()}`);
    });
    return page;
  };

  // Runs a check: fn(ready) returns the detail to print, or throws a
  // failure. needs: checks that must have worked for this one to
  // mean anything: returned, or called ready() to say that what follows
  // can go on even if this check fails afterwards.
  const results = new Map();
  const run = async (name, needs, fn) => {
    const t0 = Date.now();
    const missing = needs.filter((n) => !(results.get(n) || {}).worked);
    if (missing.length) {
      results.set(name, { name, ok: false, detail: `not run: it needs ${missing.join(', ')}`, ms: 0 });
      return;
    }
    let ok = true;
    let worked = false;
    const ready = () => { worked = true; };
    let detail;
    try {
      detail = await fn(ready);
      worked = true;
    } catch (e) {
      ok = false;
      detail = e.message;
    }
    results.set(name, { name, ok, worked, detail, ms: Date.now() - t0 });
  };

  // Typing, a filter by keyboard, the back button and a result, on one page.
  const typing = async () => {
    const page = await newPage(contexts.desktop, 'search page');
    const indexRequests = [];
    let focused = false;
    page.on('request', (r) => {
      const u = new URL(r.url());
      if (u.pathname.startsWith(indexPath)) indexRequests.push({ file: u.pathname.slice(indexPath.length), focused });
    });
    const s = {}; // what the checks pass on to the next ones

    await run('shown', [], async (ready) => {
      await page.goto(searchURL, { waitUntil: 'load', timeout: 30000 });
      ready();
      const f = await page.evaluate(searchFacts);
      if (f.nojsShown) throw new Error(`with JavaScript on, the no-JavaScript sentence is shown: "${f.nojsText}"`);
      if (!f.formShown) throw new Error('with JavaScript on, the search form #cb-search-form is not shown');
      if (f.q !== '') throw new Error(`the search box holds "${f.q}" on a page opened without a query`);
      if (!shownFacets(f).length) {
        const counts = [...new Set(f.facets.flatMap((x) => x.values.map((v) => v.countText)))];
        throw new Error(`opened without a query, the page shows no filter (every fieldset.facet is hidden; their counts read ${counts.join(', ')})`);
      }
      return 'the form is shown, the no-JavaScript sentence hidden';
    });

    await run('lazy', ['shown'], async () => {
      // Time for anything the page would fetch by itself.
      await page.waitForLoadState('networkidle', { timeout: 5000 }).catch(() => {});
      const before = indexRequests.filter((r) => !r.focused).map((r) => r.file);
      focused = true;
      await page.focus('#cb-q');
      if (before.length) {
        throw new Error(`before the search box was focused, the page fetched ${before.length} index files: ${before.join(', ')}`);
      }
      return `no request under ${indexPath} before the search box was focused`;
    });

    await run('results', ['shown'], async (ready) => {
      const h0 = await page.evaluate(() => history.length);
      await page.focus('#cb-q');
      await page.keyboard.type(QUERY, { delay: TYPE_DELAY });
      const t0 = Date.now();
      const f = await waitSettled(page, { q: QUERY, params: paramsKey([['q', QUERY]]) },
        `results for "${QUERY}" and ?q= in the URL after typing it`);
      const ms = Date.now() - t0;
      s.before = f;
      if (!f.results.length) throw new Error(`no results for "${QUERY}": the status says "${f.status}"`);
      s.total = statusTotal(f.status);
      ready();
      consistent(f, `after typing "${QUERY}"`);
      if (f.history !== h0) throw new Error(`typing added ${f.history - h0} history entries, want the entry replaced`);
      const fetched = indexRequests.map((r) => r.file);
      return `"${f.status}" ${ms} ms after the last key; fetched ${fetched.length} index files (${fetched.join(', ')})`;
    });

    await run('links', ['results'], async () => {
      const bad = s.before.results.filter((r) => !r.href || !r.href.startsWith(basePath) || !r.abs.startsWith(origin + basePath));
      if (bad.length) throw new Error(`results link outside ${basePath}: ${bad.map((r) => `"${r.title}" → ${r.href}`).join('; ')}`);
      return `all ${s.before.results.length} result links start with ${basePath}, e.g. ${s.before.results[0].href}`;
    });

    await run('marks', ['results'], async () => {
      const marks = s.before.results.reduce((n, r) => n + r.marks, 0);
      if (!marks) throw new Error(`no <mark> in the ${s.before.results.length} results for "${QUERY}"`);
      const withSnippet = s.before.results.filter((r) => r.snippetMarks).length;
      return `${marks} marked words; the snippets of ${withSnippet} of ${s.before.results.length} results have some`;
    });

    await run('counts', ['results'], async (ready) => {
      const facets = shownFacets(s.before);
      if (!facets.length) throw new Error('no filter (fieldset.facet) is shown beside the results');
      const locale = facets.find((f) => f.values.some((v) => v.key === FILTER_FACET && v.count > 0));
      if (!locale) throw new Error(`the "${FILTER_FACET}" filter shows no value with a count for "${QUERY}"`);
      ready(); // the filter check can go on
      const bad = [];
      const zero = [];
      for (const f of facets) {
        if (!f.values.length) bad.push(`"${f.legend}" is shown with no value`);
        for (const v of f.values) {
          if (v.count === null) bad.push(`${v.key}=${v.slug} shows "${v.countText}" as its count`);
          else if (v.count === 0 && !v.checked) zero.push(`${v.key}=${v.slug}`);
        }
      }
      // A value without results is hidden unless it is ticked.
      if (zero.length) bad.push(`${zero.length} values are shown with the count (0): ${zero.join(', ')}`);
      if (bad.length) throw new Error(bad.join('; '));
      return `${facets.length} filters show counts, e.g. ${locale.legend}: ` +
        `${locale.values.map((v) => `${v.slug} ${v.countText}`).join(', ')}`;
    });

    await run('filter', ['counts'], async (ready) => {
      // The first value shown with results.
      const target = shownFacets(s.before).flatMap((f) => f.values).find((v) => v.key === FILTER_FACET && v.count > 0);
      s.target = target;
      // Tab from the search box to the checkbox, then Space.
      let tabs = 0;
      for (; tabs < 100; tabs++) {
        const on = await page.evaluate(([k, v]) => {
          const a = document.activeElement;
          return !!a && a.name === k && a.value === v;
        }, [target.key, target.slug]);
        if (on) break;
        await page.keyboard.press('Tab');
      }
      if (tabs === 100) throw new Error(`100 Tab presses from the search box did not reach the ${target.key}=${target.slug} checkbox`);
      await page.keyboard.press('Space');
      const want = paramsKey([['q', QUERY], [target.key, target.slug]]);
      const f = await waitSettled(page, { q: QUERY, params: want },
        `?${want} in the URL and the results after ticking ${target.key}=${target.slug}`);
      ready(); // a history entry to go back from
      const box = f.facets.flatMap((x) => x.values).find((v) => v.key === target.key && v.slug === target.slug);
      if (!box || !box.checked) throw new Error(`the ${target.key}=${target.slug} checkbox is not ticked after Space`);
      if (f.history !== s.before.history + 1) {
        throw new Error(`ticking a filter added ${f.history - s.before.history} history entries, want 1`);
      }
      if (!/ with 1 filter\b/.test(f.status)) throw new Error(`the status does not mention the filter: "${f.status}"`);
      const total = consistent(f, `with ${target.key}=${target.slug}`);
      if (total !== target.count) {
        throw new Error(`${target.key}=${target.slug} was shown with ${target.countText} beside it, but ticking it gives ` +
          `${total} results ("${f.status}"; before: "${s.before.status}")`);
      }
      return `${tabs} Tabs and Space ticked ${target.key}=${target.slug} ${target.countText}: "${f.status}", URL ?${new URL(f.url).search.slice(1)}`;
    });

    await run('back', ['filter'], async () => {
      await page.goBack({ timeout: WAIT });
      const want = paramsKey([['q', QUERY]]);
      const f = await waitSettled(page, { q: QUERY, params: want, status: s.before.status },
        `?${want} in the URL and the status "${s.before.status}" again after going back`);
      const box = f.facets.flatMap((x) => x.values).find((v) => v.key === s.target.key && v.slug === s.target.slug);
      if (!box || box.checked) throw new Error(`after going back, the ${s.target.key}=${s.target.slug} checkbox is still ticked`);
      if (f.q !== QUERY) throw new Error(`after going back, the search box holds "${f.q}", want "${QUERY}"`);
      const total = consistent(f, 'after going back');
      if (total !== s.total) throw new Error(`after going back, ${total} results, want the first ${s.total}`);
      const hrefs = (x) => x.results.map((r) => r.href).join(' ');
      if (hrefs(f) !== hrefs(s.before)) throw new Error('after going back, the results are not the first ones in their order');
      return `the URL is ?${new URL(f.url).search.slice(1)} again, the box unticked, "${f.status}"`;
    });

    await run('axe-1280', ['results'], async () => {
      const f = await page.evaluate(searchFacts);
      if (!f.results.length || !shownFacets(f).length) throw new Error('the page shows no results or no filters to check');
      const v = await axeViolations(page, axePath);
      if (v.length) throw new Error(describeViolations(v));
      return `0 violations with ${f.results.length} results and ${shownFacets(f).length} filters shown`;
    });

    await run('open', ['results'], async () => {
      const f = await page.evaluate(searchFacts);
      const first = f.results[0];
      await page.focus('#cb-results > li.result h3.result-title > a');
      await Promise.all([page.waitForURL(first.abs, { timeout: WAIT, waitUntil: 'load' }), page.keyboard.press('Enter')]);
      const h1s = await page.$$eval('h1', (hs) => hs.map((h) => h.textContent.replace(/\s+/g, ' ').trim()));
      if (h1s.length !== 1) throw new Error(`${first.abs} has ${h1s.length} h1 elements`);
      if (h1s[0] !== first.title) throw new Error(`the result "${first.title}" opened ${first.href}, whose h1 is "${h1s[0]}"`);
      return `Enter on "${first.title}" opened ${first.href}, whose h1 matches`;
    });
  };

  // A form elsewhere that submits to the search page.
  const submitsHere = async (p, fromPath, inputSel, q) => {
    await p.goto(origin + fromPath, { waitUntil: 'load', timeout: 30000 });
    await p.focus(inputSel);
    await p.keyboard.type(q, { delay: TYPE_DELAY / 2 });
    await Promise.all([p.waitForURL((u) => u.pathname === searchPath, { timeout: WAIT, waitUntil: 'load' }),
      p.keyboard.press('Enter')]);
    const f = await waitSettled(p, { q }, `results for "${q}" on the search page after submitting from ${fromPath}`);
    const params = new URL(f.url).searchParams;
    if (params.get('q') !== q) throw new Error(`the search page opened at ${f.url}, without q=${q}`);
    if (f.q !== q) throw new Error(`the search box holds "${f.q}", want "${q}"`);
    if (!f.results.length) throw new Error(`no results: "${f.status}"`);
    return `${fromPath} → ${new URL(f.url).pathname}${new URL(f.url).search}: "${f.status}"`;
  };

  // The rest, each from a URL, beside the typing.
  const others = async () => {
    await run('axe-375', [], async () => {
      const p = await newPage(contexts.mobile, 'search page at 375 px');
      await p.goto(`${searchURL}?q=${QUERY.replace(/ /g, '+')}`, { waitUntil: 'load', timeout: 30000 });
      const f = await waitSettled(p, { q: QUERY }, `results for "${QUERY}" at 375 px`);
      if (!f.results.length || !shownFacets(f).length) throw new Error(`no results or no filters shown at 375 px: "${f.status}"`);
      const found = [];
      const v = await axeViolations(p, axePath);
      if (v.length) found.push(describeViolations(v));
      const w = await p.evaluate(() => ({ scroll: document.documentElement.scrollWidth, client: document.documentElement.clientWidth }));
      if (w.scroll > w.client) {
        const wide = await p.evaluate(overflowingElements);
        found.push(`horizontal overflow: the page is ${w.scroll} px wide in a ${w.client} px window: ${wide.join(', ')}`);
      }
      await p.close();
      if (found.length) throw new Error(found.join('\n'));
      return `0 violations and no horizontal overflow with ${f.results.length} results and ${shownFacets(f).length} filters`;
    });

    const p = await newPage(contexts.desktop, 'shared URL, header and 404 forms');
    await run('shared-url', [], async () => {
      const query = `?q=${SHARED.q}&${SHARED.key}=${SHARED.slug}`;
      await p.goto(searchURL + query, { waitUntil: 'load', timeout: 30000 });
      const f = await waitSettled(p, { q: SHARED.q, params: paramsKey([['q', SHARED.q], [SHARED.key, SHARED.slug]]) },
        `results for ${query} without typing`);
      if (!f.results.length) throw new Error(`no results for ${query}: "${f.status}"`);
      consistent(f, query);
      if (f.q !== SHARED.q) throw new Error(`the search box holds "${f.q}", want "${SHARED.q}"`);
      const box = f.facets.flatMap((x) => x.values).find((v) => v.key === SHARED.key && v.slug === SHARED.slug);
      if (!box || !box.checked) throw new Error(`the ${SHARED.key}=${SHARED.slug} checkbox is not ticked`);
      const other = f.results.filter((r) => r.meta[0] !== SHARED.meta);
      if (other.length) {
        throw new Error(`results not marked "${SHARED.meta}": ${other.map((r) => `"${r.title}" (${r.metaText})`).join('; ')}`);
      }
      return `${query}: "${f.status}", every result's meta starts with "${SHARED.meta}"`;
    });

    await run('spanish', [], async () => {
      if (!fs.existsSync(path.join(root, 'es', 'search', 'index.html'))) return 'no Spanish edition in this build';
      const q = 'familias';
      await p.goto(`${origin}${basePath}es/search/?q=${q}`, { waitUntil: 'load', timeout: 30000 });
      const f = await waitSettled(p, { params: paramsKey([['q', q]]) }, `Spanish results for ${q}`);
      if (!f.results.length) throw new Error(`no results for ${q}: "${f.status}"`);
      const lang = await p.evaluate(() => document.documentElement.lang);
      if (lang !== 'es') throw new Error(`the Spanish search page is lang="${lang}"`);
      if (!/^\d[\d,]* resultados? para «familias»/.test(f.status)) throw new Error(`the status is not Spanish: "${f.status}"`);
      const outside = f.results.filter((r) => !r.href.startsWith(`${basePath}`));
      if (outside.length) throw new Error(`results outside ${basePath}: ${outside.map((r) => r.href).join(', ')}`);
      if (!f.results.some((r) => r.href.startsWith(`${basePath}es/`))) throw new Error('no result links to a page of the Spanish edition');
      const marked = await p.$$eval('#cb-results mark', (ms) => ms.map((m) => m.textContent.toLowerCase()));
      if (!marked.some((m) => m === 'familia')) throw new Error(`no result marks "familia" for "familias": ${marked.slice(0, 8).join(', ')}`);
      return `"${f.status}"; ${f.results.length} results shown, "familia" marked`;
    });

    await run('header', [], async () => {
      const from = fs.existsSync(path.join(root, 'about', 'index.html')) ? `${basePath}about/` : basePath;
      return submitsHere(p, from, 'header form.site-search input[name="q"]', HEADER_QUERY);
    });

    await run('not-found', [], async () => submitsHere(p, notFoundPath,
      'main form[role="search"]:not(.site-search) input[name="q"]', NOT_FOUND_QUERY));

    await run('nojs', [], async () => {
      const np = await newPage(contexts.nojs, 'search page without JavaScript');
      await np.goto(`${searchURL}?q=${SHARED.q}`, { waitUntil: 'load', timeout: 30000 });
      const f = await np.evaluate(searchFacts);
      const browse = await np.$$eval('.search-browse a[href]', (as) => as.filter((a) => {
        const b = a.getBoundingClientRect();
        return b.width > 0 && b.height > 0 && getComputedStyle(a).visibility !== 'hidden';
      }).map((a) => a.getAttribute('href')));
      await np.close();
      const bad = [];
      if (!f.nojsShown) bad.push('the no-JavaScript sentence #cb-search-nojs is not shown');
      if (f.formShown) bad.push('the search form is shown, though it cannot work without JavaScript');
      if (f.bodyShown) bad.push('the (empty) results and filters, #cb-search-body, are shown');
      if (!browse.length) bad.push('no browse link is shown');
      const outside = browse.filter((h) => !h.startsWith(basePath));
      if (outside.length) bad.push(`browse links outside ${basePath}: ${outside.join(', ')}`);
      if (bad.length) throw new Error(bad.join('; '));
      return `"${f.nojsText.slice(0, 50)}…" and ${browse.length} browse links shown, the form and the results hidden`;
    });
  };

  try {
    await Promise.all([typing(), others()]);
    await run('errors', [], async () => {
      if (problems.length) throw new Error([...new Set(problems)].join('\n'));
      return 'no JavaScript error and no failed request on any page above';
    });
  } finally {
    for (const p of pages) await p.close().catch(() => {});
    await server.close();
  }
  return { basePath, origin, results: CHECKS.map((n) => results.get(n) || { name: n, ok: false, detail: 'not run', ms: 0 }) };
}

// axe's failure summary is "Fix any of the following:" and a line per way to
// fix it; the first says what is wrong.
function describeViolations(violations) {
  return violations.map((v) => {
    const nodes = v.nodes.slice(0, 3).map((n) => `${n.target} ${n.html.slice(0, 120)}`).join('; ');
    const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
    const reason = v.nodes[0] ? v.nodes[0].summary.split('\n').map((l) => l.trim())
      .filter((l) => l && !/^Fix (any|all) of the following:$/.test(l))[0] || '' : '';
    return `axe ${v.id} (${v.impact}): ${v.help}: ${nodes}${more}${reason ? ` — ${reason}` : ''}`;
  }).join('\n');
}

// Builds src with the casebook binary for each default base URL.
function buildSites(casebook, src, tmp) {
  return DEFAULT_BASES.map((baseURL, i) => {
    const out = path.join(tmp, `site-${i}`);
    execFileSync(casebook, ['build', '--src', src, '--base-url', baseURL, '--out', out], { stdio: ['ignore', 'pipe', 'inherit'] });
    return { dir: out, baseURL };
  });
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const inCI = process.env.CI === 'true';
  const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
  const started = Date.now();

  const missing = missingTools(chromiumPath, ['playwright-core', 'axe-core']);
  if (missing) {
    return reportMissing('search', missing, inCI, CHECKS.length * (opts.casebook ? DEFAULT_BASES.length : opts.sites.length));
  }

  let tmp = null;
  let browser = null;
  let passed = 0;
  let failed = 0;
  try {
    let sites = opts.sites;
    if (opts.casebook) {
      if (!isExecutable(opts.casebook)) usage(`${opts.casebook} is not an executable`);
      tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-search-'));
      sites = buildSites(path.resolve(opts.casebook), path.resolve(opts.src || '.'), tmp);
    }
    const { launch, VIEWS } = require('./lib/browser');
    browser = await launch(chromiumPath);
    const contexts = {};
    for (const view of ['desktop', 'mobile', 'nojs']) {
      contexts[view] = await browser.newContext({ ...VIEWS[view], reducedMotion: 'reduce' });
    }
    const axePath = require.resolve('axe-core');
    // The builds side by side, each printed as a block once done.
    const runs = sites.map((site) => checkSite({ contexts, dir: site.dir, baseURL: site.baseURL, axePath })
      .then((r) => ({ site, ...r }), (e) => ({ site, error: e })));
    for (const run of runs) {
      const r = await run;
      const base = basePathOf(r.site.baseURL);
      console.log(`-- ${path.resolve(r.site.dir)} (built for ${r.site.baseURL})${r.origin ? ` at ${r.origin}${base}search/` : ''}`);
      if (r.error) {
        console.log(`FAIL ${base} (could not run): ${r.error.plain ? r.error.message : r.error.stack || r.error.message}`);
        failed += CHECKS.length;
        continue;
      }
      for (const c of r.results) {
        if (c.ok) passed++;
        else failed++;
        const detail = String(c.detail).split('\n').join('\n       ');
        console.log(`${c.ok ? 'ok  ' : 'FAIL'} ${base} ${c.name}: ${detail} (${(c.ms / 1000).toFixed(1)} s)`);
      }
    }
    for (const ctx of Object.values(contexts)) await ctx.close().catch(() => {});
  } catch (e) {
    console.log(`FAIL search: ${e.stack || e.message}`);
    failed++;
  } finally {
    if (browser) await browser.close().catch(() => {});
    if (tmp) fs.rmSync(tmp, { recursive: true, force: true });
  }
  console.log(`search took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`search: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
}, (e) => {
  console.error(`search: ${e.stack || e.message}`);
  process.exitCode = 2;
});
