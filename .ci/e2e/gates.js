#!/usr/bin/env node
// Quality gates for a built casebook site, as a reader's browser and a static
// host meet it: the site is served under its base path from a loopback
// server, then
//
//   html   the Nu HTML Checker: zero errors on every page (and CSS, SVG)
//   a11y   axe-core, WCAG 2.0 + 2.1 A and AA, at 1280 and 375 px: zero
//          violations; exactly one h1; no horizontal overflow at 375 px; no
//          word of a heading or a district's figures broken in two at 375 px;
//          the header's controls reached by Tab in the order they are seen
//   links  every internal reference resolves under the base path, as served;
//          a missing deep URL gets 404.html, which renders with its stylesheet
//   nojs   with JavaScript off, every page shows its main content and its
//          main navigation
//   shots  a desktop and a mobile screenshot of each page type
//   cls    every page with pictures keeps its place while they load, at
//          1280 and 375 px, pictures held back: layout shift 0
//
// usage: node gates.js --site DIR --base-url URL [--shots DIR] [--json FILE]
//   --site      the build output, built with --base-url URL
//   --shots     where the screenshots go (default: a new temporary folder)
//   --json      also write the results, gate by gate, to FILE
//
// Exits 0 when every gate passed, 1 when any failed. Outside CI a gate whose
// tool is missing (Java for html; Chromium for the rest) is skipped with a
// note on how to install it; with CI=true a missing tool fails the gate.
// Environment: CHROMIUM (default /usr/bin/chromium), JAVA (default java).
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { execFileSync } = require('child_process');
const { serveSite } = require('./lib/server');
const { siteFiles, urlPathOf, basePathOf } = require('./lib/site');
const { nuGate } = require('./lib/nu');
const { launch, visitAll, AXE_TAGS } = require('./lib/browser');
const { linkGate } = require('./lib/links');
const { isExecutable } = require('./lib/tools');
const { layoutShifts, PICTURE_DELAY_MS, WIDTHS: SHIFT_WIDTHS } = require('./lib/layout');

const GATES = ['html', 'a11y', 'links', 'nojs', 'shots', 'cls'];
const MISSING_DEEP_URL = 'no/such/page/';

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const take = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--site') opts.site = take();
    else if (a === '--base-url') opts.baseURL = take();
    else if (a === '--shots') opts.shots = take();
    else if (a === '--json') opts.json = take();
    else usage(`unknown argument ${a}`);
  }
  if (!opts.site || !opts.baseURL) usage('--site and --base-url are required');
  if (!opts.shots) opts.shots = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-shots-'));
  return opts;
}

function usage(msg) {
  console.error(`gates: ${msg}\nusage: node gates.js --site DIR --base-url URL [--shots DIR] [--json FILE]`);
  process.exit(2);
}

function javaWorks(java) {
  try {
    execFileSync(java, ['-version'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

// ---------- turning what the browser saw into gate results ----------

// axe's failure summary is "Fix any of the following:" and a line per way
// to fix it; the first of them says what is wrong.
function firstReason(summary) {
  const lines = summary.split('\n').map((l) => l.trim()).filter((l) => l && !/^Fix (any|all) of the following:$/.test(l));
  return lines[0] || '';
}

function a11yFailures(views) {
  const failures = [];
  for (const view of ['desktop', 'mobile']) {
    const width = view === 'desktop' ? 1280 : 375;
    for (const [p, rec] of views[view]) {
      if (rec.error) {
        failures.push({ page: p, msg: `@${width}px: could not check the page: ${rec.error}` });
        continue;
      }
      for (const v of rec.violations || []) {
        const nodes = v.nodes.slice(0, 3).map((n) => `${n.target} ${n.html.slice(0, 120)}`).join('; ');
        const more = v.nodes.length > 3 ? ` and ${v.nodes.length - 3} more` : '';
        const why = v.nodes[0] ? ` — ${firstReason(v.nodes[0].summary)}` : '';
        failures.push({ page: p, msg: `@${width}px: axe ${v.id} (${v.impact}): ${v.help}: ${nodes}${more}${why}` });
      }
      if (rec.facts && rec.facts.h1s !== 1) {
        failures.push({ page: p, msg: `@${width}px: ${rec.facts.h1s} h1 elements, want exactly 1` });
      }
      if (rec.focusOrder) {
        failures.push({ page: p, msg: `@${width}px: focus order: in the header, Tab reaches ${rec.focusOrder.first} before ${rec.focusOrder.then}, which is seen first` });
      }
      if (rec.brokenWords && rec.brokenWords.length) {
        failures.push({ page: p, msg: `@${width}px: words broken in two across lines: ${rec.brokenWords.join(', ')}` });
      }
      if (rec.print && (rec.print.aids.length || rec.print.hidden.length)) {
        const what = [];
        if (rec.print.aids.length) what.push(`prints navigation aids ${rec.print.aids.join(', ')}`);
        if (rec.print.hidden.length) what.push(`leaves out of print ${rec.print.hidden.join(', ')}`);
        failures.push({ page: p, msg: `in print: ${what.join('; ')}` });
      }
      if (rec.overflow) {
        failures.push({
          page: p,
          msg: `@${width}px: horizontal overflow, the page is ${rec.facts.scrollWidth} px wide in a ${rec.facts.clientWidth} px window: ${rec.overflow.join(', ')}`,
        });
      }
    }
  }
  return failures;
}

function noJsFailures(records) {
  const failures = [];
  for (const [p, rec] of records) {
    const f = rec.nojs;
    if (rec.error || !f) {
      failures.push({ page: p, msg: `could not load the page without JavaScript: ${rec.error || 'no result'}` });
      continue;
    }
    if (!f.hasMain) failures.push({ page: p, msg: 'without JavaScript: no main landmark (<main>)' });
    else if (!f.mainVisible) failures.push({ page: p, msg: 'without JavaScript: the main landmark is not visible' });
    else if (!f.h1Text || f.mainText.length <= f.h1Text.length) {
      failures.push({
        page: p,
        msg: `without JavaScript: the main content is not shown (visible text in <main>: "${f.mainText.slice(0, 80)}"${f.h1Text ? '' : ', no visible h1'})`,
      });
    }
    if (!f.hasNav) failures.push({ page: p, msg: 'without JavaScript: no navigation landmark (<nav>)' });
    else if (!f.navVisible || f.navLinks === 0) {
      failures.push({ page: p, msg: `without JavaScript: the main navigation is not shown (${f.navLinks} visible links)` });
    }
  }
  return failures;
}

function shotFailures(shots, shotsError) {
  if (shotsError) return [{ page: '(screenshots)', msg: shotsError }];
  const failures = [];
  for (const s of shots) {
    if (s.error) failures.push({ page: s.page, msg: `${s.kind} ${s.view} screenshot not written: ${s.error}` });
    else if (!s.styled) failures.push({ page: s.page, msg: `${s.kind} ${s.view} screenshot shows the page without its stylesheet` });
    else if (!fs.existsSync(s.file) || fs.statSync(s.file).size < 1000) {
      failures.push({ page: s.page, msg: `${s.kind} ${s.view} screenshot is missing or empty: ${s.file}` });
    }
  }
  return failures;
}

// Merges the three views of a page into what the link gate needs.
function linkRecords(views) {
  const pages = new Map();
  for (const [p, nojs] of views.nojs) {
    const desktop = views.desktop.get(p) || {};
    const mobile = views.mobile.get(p) || {};
    pages.set(p, {
      error: nojs.error || desktop.error,
      status: desktop.status ?? nojs.status,
      styled: (desktop.facts || nojs.facts || {}).styled || false,
      loads: [...new Set([...(desktop.loads || []), ...(mobile.loads || []), ...(nojs.loads || [])])],
      refs: nojs.nojs ? nojs.nojs.refs : [],
      ids: nojs.nojs ? nojs.nojs.ids : undefined,
    });
  }
  return pages;
}

// ---------- main ----------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const started = Date.now();
  const root = path.resolve(opts.site);
  const basePath = basePathOf(opts.baseURL);
  const siteOrigin = new URL(opts.baseURL).origin;
  const inCI = process.env.CI === 'true';
  const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
  const java = process.env.JAVA || 'java';

  const htmlFiles = siteFiles(root, ['.html']);
  if (!htmlFiles.includes('404.html')) throw new Error(`${root} has no 404.html; is it a built casebook site?`);
  const pagePaths = htmlFiles.map((f) => urlPathOf(basePath, f));
  const notFoundPath = basePath + MISSING_DEEP_URL;
  // The missing deep URL goes first, so the 404 screenshots show it at depth.
  const visitPaths = [notFoundPath, ...pagePaths];
  // A page an edition in another language shows untranslated has the
  // layout of its original, which is checked: in the views with
  // JavaScript (axe, overflow, screenshots, layout shift) one of each kind
  // of them is enough; the no-JavaScript view, and the links, see them all.
  const untranslatedKinds = new Set();
  const scriptPaths = visitPaths.filter((p, i) => {
    if (i === 0) return true; // the 404 page
    const html = fs.readFileSync(path.join(root, htmlFiles[i - 1]), 'utf8');
    if (!/class="?untranslated\b/.test(html)) return true;
    const kind = (/<body class="?kind-([a-z-]+)/.exec(html) || [])[1] || 'page';
    if (untranslatedKinds.has(kind)) return false;
    untranslatedKinds.add(kind);
    return true;
  });
  const scripted = new Set(scriptPaths);

  const results = {};
  for (const g of GATES) results[g] = { status: 'pending', checked: 0, failures: [], notes: [] };
  const skip = (gate, why) => Object.assign(results[gate], { status: 'skipped', notes: [why] });
  const broken = (gate, why) => Object.assign(results[gate], { status: 'failed', failures: [{ page: '(setup)', msg: why }] });

  const haveJava = javaWorks(java);
  const haveChromium = isExecutable(chromiumPath);
  const javaHelp = `Java was not found (${java}); install it with: sudo apt-get install -y default-jre-headless`;
  const chromiumHelp = `Chromium was not found at ${chromiumPath}; install it with: sudo apt-get install -y chromium (or set CHROMIUM=/path/to/chromium)`;

  const server = await serveSite(root, basePath);
  console.log(`serving ${root} at ${server.origin}${basePath}`);

  // Gate 1 runs in Java beside the browser.
  const nuFiles = siteFiles(root, ['.html', '.css', '.svg']);
  const nuRun = haveJava
    ? nuGate({ java, root, basePath, files: nuFiles }).then(
      (r) => Object.assign(results.html, { status: 'done', checked: htmlFiles.length, failures: r.failures, warnings: r.warnings,
        notes: [`${htmlFiles.length} pages, ${r.checked - htmlFiles.length} stylesheets and SVG files`] }),
      (e) => broken('html', `the Nu checker did not run: ${e.message}`))
    : Promise.resolve(inCI ? broken('html', javaHelp) : skip('html', javaHelp));

  const browserGates = ['a11y', 'links', 'nojs', 'shots', 'cls'];
  const picturePaths = htmlFiles.filter((f) => fs.readFileSync(path.join(root, f), 'utf8').includes('<img')).map((f) => urlPathOf(basePath, f))
    .filter((p) => scripted.has(p));
  const browserRun = (async () => {
    if (!haveChromium) {
      for (const g of browserGates) {
        if (inCI) broken(g, chromiumHelp);
        else skip(g, chromiumHelp);
      }
      return;
    }
    let shotsDir = path.resolve(opts.shots);
    let shotsError = null;
    try {
      fs.mkdirSync(shotsDir, { recursive: true });
      fs.accessSync(shotsDir, fs.constants.W_OK);
    } catch (e) {
      shotsError = `cannot write screenshots to ${shotsDir}: ${e.message}`;
      shotsDir = null;
    }
    const browser = await launch(chromiumPath);
    let seen;
    let shifts;
    try {
      seen = await visitAll({ browser, origin: server.origin, paths: visitPaths, scriptPaths, shotsDir, axePath: require.resolve('axe-core') });
      shifts = await layoutShifts({ browser, origin: server.origin, paths: picturePaths });
    } finally {
      await browser.close();
    }
    Object.assign(results.cls, { status: 'done', checked: picturePaths.length,
      failures: shifts.filter((s) => s.cls > 0).map((s) => ({ page: s.path,
        msg: `@${s.width}px: layout shift ${s.cls.toFixed(4)} while pictures loaded; moved: ${s.moved.join(', ')}` })),
      notes: [`${picturePaths.length} pages with pictures (${shifts.reduce((n, s) => n + s.images, 0) / SHIFT_WIDTHS.length} pictures) at ${SHIFT_WIDTHS.join(' and ')} px, each picture held back ${PICTURE_DELAY_MS} ms`] });
    const { views, shots, seconds } = seen;
    console.log(`browser views: ${Object.entries(seconds).map(([v, t]) => `${v} ${t.toFixed(1)} s`).join(', ')}`);
    const left = visitPaths.length - scriptPaths.length;
    Object.assign(results.a11y, { status: 'done', checked: scriptPaths.length, failures: a11yFailures(views),
      notes: [`${scriptPaths.length} pages (with ${notFoundPath}) at 1280 and 375 px, tags ${AXE_TAGS.join(', ')}` +
        (left ? `; ${left} untranslated pages of other editions left to one of each kind` : '')] });
    Object.assign(results.nojs, { status: 'done', checked: visitPaths.length, failures: noJsFailures(views.nojs),
      notes: [`${visitPaths.length} pages`] });
    const lg = await linkGate({ origin: server.origin, siteOrigin, basePath, root, pages: linkRecords(views), notFoundPath });
    Object.assign(results.links, { status: 'done', checked: lg.checked, failures: lg.failures,
      notes: [`${lg.checked} pages, ${lg.refs} internal references (incl. feeds, sitemap, robots.txt, CSS), ${lg.external} external links not fetched`] });
    const kinds = [...new Set(shots.map((s) => s.kind))];
    Object.assign(results.shots, { status: 'done', checked: kinds.length, failures: shotFailures(shots, shotsError),
      files: shots.filter((s) => !s.error).map((s) => s.file),
      notes: shotsDir ? [`${shots.length} screenshots of ${kinds.length} page types (${kinds.join(', ')}) in ${shotsDir}`] : [] });
  })().catch((e) => {
    for (const g of browserGates) if (results[g].status === 'pending') broken(g, `the browser run failed: ${e.stack || e.message}`);
  });

  await Promise.all([nuRun, browserRun]);
  await server.close();

  // Report.
  let passed = 0;
  let failed = 0;
  let skipped = 0;
  for (const g of GATES) {
    const r = results[g];
    if (r.status === 'skipped') {
      skipped++;
      console.log(`SKIP ${g}: ${r.notes.join('; ')}`);
      continue;
    }
    for (const w of r.warnings || []) console.log(`warn ${g} ${w.page}: ${w.msg}`);
    for (const f of r.failures) console.log(`FAIL ${g} ${f.page}: ${f.msg}`);
    r.status = r.failures.length ? 'failed' : 'passed';
    if (r.failures.length) failed++;
    else passed++;
    const warn = r.warnings && r.warnings.length ? `, ${r.warnings.length} warnings` : '';
    const n = r.failures.length;
    console.log(`${n ? 'FAIL' : 'ok  '} ${g}: ${n} ${n === 1 ? 'problem' : 'problems'}${warn}${r.notes.length ? '; ' + r.notes.join('; ') : ''}`);
  }
  if (results.shots.files && results.shots.files.length) {
    console.log(`screenshots (desktop and mobile of each page type): ${path.resolve(opts.shots)}`);
  }
  console.log(`gates took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(results, null, 2));
  console.log(`gates: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed ? 1 : 0);
}

main().catch((e) => {
  console.error(`gates: ${e.stack || e.message}`);
  process.exit(2);
});
