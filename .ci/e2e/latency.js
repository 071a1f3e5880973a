// Save-to-visible latency of a development server's live reload, measured in
// a real browser (Debian's headless Chromium, driven by playwright-core, as in
// lib/browser.js).
//
//   node latency.js --url PAGE_URL --file MARKDOWN_FILE [--edits 20] [--warmup 3]
//                   [--label NAME] [--settle 300] [--gap 1100] [--jitter 1000]
//                   [--timeout 60] [--json OUT.json] [--chromium /usr/bin/chromium]
//
// It opens PAGE_URL, then edits MARKDOWN_FILE (the page's source) --warmup +
// --edits times. Each edit rewrites the file in place (fs.writeFileSync, as an
// editor's plain save does) as its original text plus one paragraph holding a
// token no earlier edit used, so every edit replaces the previous token.
//
//   t0  just before the write, in Node;
//   t1  the moment the token is in the open page's DOM, in the page.
//
// After an edit shows, it waits --settle ms (300) so the server is idle, and
// also until --gap ms (1100) have passed since that edit's write. The gap is
// for servers that answer a reload's conditional request from a file's
// modification time, which HTTP gives to the second (Hugo's server by
// default): two saves within the same second would get "304 Not Modified"
// and leave the previous text on the page, which is a real effect of saving
// that fast but would turn the run into a count of misses. --gap 0 turns it
// off. On top of that it waits a random 0 to --jitter ms (1000), so the
// writes fall at random moments relative to any periodic timer in the
// server (Hugo's watcher hands over file events on a 500 ms tick), as a
// person's saves do; without it, evenly spaced edits would sample the same
// few phases of such a timer.
//
// An init script runs in every document the tab loads (so also in each
// document a live reload creates), before the page's own scripts. It watches
// the document with a MutationObserver from the start, so it sees the token
// when the HTML parser inserts it (a reload) or when a script patches it in
// (a server that updates the DOM instead of reloading), and checks again at
// DOMContentLoaded and load. On first sight of a token it takes
// performance.timeOrigin + performance.now() and calls a page.exposeFunction
// binding with it.
//
// Why the page's clock rather than Date.now() in Node when the binding
// fires: the binding's message travels renderer → browser → Node over the
// DevTools protocol, which adds a variable delay (measured on a 2-core
// machine: 1 to 30 ms typically, up to 85 ms while the server under test
// keeps the cores busy), whereas the page's timestamp is taken at the moment
// itself. Node's t0 is taken the same way (perf_hooks performance.timeOrigin
// + performance.now()): both are high-resolution monotonic clocks anchored
// to the system's wall clock on the same machine, so they agree to well
// under a millisecond; the run starts by printing the page's clock against
// Node's (the tightest of ten round trips). Each sample also records when
// Node received the binding and prints how much later that was; it is never
// earlier unless the clocks disagree, in which case the sample falls back to
// the receive time.
//
// It prints every sample and then
//   LABEL: p50 X ms, p90 Y ms, min A ms, max B ms, n N
// (nearest-rank percentiles over the counted edits). The original file is
// restored at the end. Exit status 1 if any edit never became visible within
// --timeout seconds, 2 on bad usage.
'use strict';

const fs = require('fs');
const { performance } = require('perf_hooks');
const { launch } = require('./lib/browser');

const USAGE = 'usage: node latency.js --url PAGE_URL --file MARKDOWN_FILE [--edits 20] [--warmup 3] ' +
  '[--label NAME] [--settle MS] [--gap MS] [--jitter MS] [--timeout SECONDS] [--json OUT] [--chromium PATH]';

function parseArgs(argv) {
  const opts = {
    url: '', file: '', edits: 20, warmup: 3, label: '', settle: 300, gap: 1100, jitter: 1000, timeout: 60, json: '',
    chromium: process.env.CHROMIUM || '/usr/bin/chromium',
  };
  const numeric = new Set(['edits', 'warmup', 'settle', 'gap', 'jitter', 'timeout']);
  for (let i = 0; i < argv.length; i++) {
    let a = argv[i];
    let v;
    if (a === '-h' || a === '--help') {
      console.log(USAGE);
      process.exit(0);
    }
    if (!a.startsWith('--')) throw new Error(`unexpected argument ${a}`);
    a = a.slice(2);
    const eq = a.indexOf('=');
    if (eq >= 0) {
      v = a.slice(eq + 1);
      a = a.slice(0, eq);
    } else {
      v = argv[++i];
    }
    if (!(a in opts)) throw new Error(`unknown flag --${a}`);
    if (v === undefined) throw new Error(`--${a} needs a value`);
    if (numeric.has(a)) {
      const n = Number(v);
      if (!Number.isFinite(n) || n < 0) throw new Error(`--${a} must be a number ≥ 0, not ${v}`);
      opts[a] = n;
    } else {
      opts[a] = v;
    }
  }
  if (!opts.url || !opts.file) throw new Error('--url and --file are required');
  if (opts.edits < 1) throw new Error('--edits must be at least 1');
  if (!opts.label) opts.label = opts.url;
  return opts;
}

// Runs in every document the page loads, before its own scripts. pattern is
// the token regexp's source.
function probe(pattern) {
  const re = new RegExp(pattern, 'g');
  const seen = new Set();
  const doc = Math.random().toString(36).slice(2, 10);
  const report = (text, how) => {
    if (!text || text.indexOf('latprobe') < 0) return;
    const found = text.match(re);
    if (!found) return;
    const t = performance.timeOrigin + performance.now();
    for (const token of found) {
      if (seen.has(token)) continue;
      seen.add(token);
      // The binding is asynchronous; nothing waits for it here.
      window.__latencySeen({ token, t, how, doc, readyState: document.readyState });
    }
  };
  window.__latencySeen({ token: '', t: performance.timeOrigin + performance.now(), how: 'start', doc, readyState: document.readyState });
  new MutationObserver((records) => {
    for (const r of records) {
      if (r.type === 'characterData') report(r.target.data, 'mutation');
      else for (const n of r.addedNodes) report(n.textContent, 'mutation');
    }
  }).observe(document, { childList: true, subtree: true, characterData: true });
  document.addEventListener('DOMContentLoaded', () => report(document.documentElement.textContent, 'domcontentloaded'));
  window.addEventListener('load', () => report(document.documentElement.textContent, 'load'));
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
const now = () => performance.timeOrigin + performance.now();

// Nearest rank: the smallest sample with at least p% of samples at or below it.
function percentile(sorted, p) {
  return sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)];
}

const PROBE_RE = /\n*Latency probe latprobe[0-9a-z]+\.\n*$/;

async function main() {
  let opts;
  try {
    opts = parseArgs(process.argv.slice(2));
  } catch (e) {
    console.error(`latency.js: ${e.message}\n${USAGE}`);
    process.exit(2);
  }
  const original = fs.readFileSync(opts.file, 'utf8');
  // A run that was killed may have left its probe paragraph behind.
  const base = original.replace(PROBE_RE, '\n').replace(/\n*$/, '\n');
  const run = Math.random().toString(36).slice(2, 8).padEnd(6, '0');
  const tokenOf = (i) => `latprobe${run}n${i}`;

  let restored = false;
  const restore = () => {
    if (restored) return;
    restored = true;
    fs.writeFileSync(opts.file, original);
  };
  process.on('SIGINT', () => { restore(); process.exit(130); });
  process.on('SIGTERM', () => { restore(); process.exit(143); });

  const browser = await launch(opts.chromium);
  const samples = [];
  const warm = [];
  let misses = 0;
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    const state = { expected: null, resolve: null, doc: null, docs: 0 };
    await page.exposeFunction('__latencySeen', (r) => {
      const recv = now();
      if (r.how === 'start') {
        state.doc = r.doc;
        state.docs++;
        return;
      }
      if (r.token === state.expected && state.resolve) {
        const done = state.resolve;
        state.resolve = null;
        done({ ...r, recv });
      }
    });
    await page.addInitScript(probe, 'latprobe[0-9a-z]{6}n[0-9]+');
    page.on('pageerror', (e) => console.error(`page error: ${e.message}`));
    // The main document's responses since the edit, to explain a miss (a
    // reload answered 304 from a stale cache validator, say).
    let docResponses = [];
    page.on('response', (resp) => {
      const req = resp.request();
      if (req.resourceType() === 'document' && req.frame() === page.mainFrame()) docResponses.push(resp.status());
    });
    page.on('crash', () => console.error('page crashed'));

    const resp = await page.goto(opts.url, { waitUntil: 'load', timeout: 120000 });
    if (!resp || resp.status() !== 200) throw new Error(`${opts.url} answered ${resp ? resp.status() : 'nothing'}`);
    // Let the live-reload connection (EventSource, WebSocket) open.
    await sleep(1000);
    // The page's clock against Node's (see the header): the tightest of ten
    // brackets.
    let check = null;
    for (let k = 0; k < 10; k++) {
      const before = now();
      const pageNow = await page.evaluate(() => performance.timeOrigin + performance.now());
      const after = now();
      if (!check || after - before < check.rt) check = { rt: after - before, off: pageNow - (before + after) / 2 };
    }
    console.log(`clock check: page − Node = ${check.off.toFixed(2)} ms (± ${(check.rt / 2).toFixed(2)} ms)`);

    const total = opts.warmup + opts.edits;
    for (let i = 0; i < total; i++) {
      const counted = i >= opts.warmup;
      const token = tokenOf(i);
      const text = `${base}\nLatency probe ${token}.\n`;
      const seen = new Promise((resolve) => { state.resolve = resolve; });
      state.expected = token;
      const doc0 = state.doc;
      const docs0 = state.docs;
      let timer;
      const timeout = new Promise((resolve) => { timer = setTimeout(() => resolve(null), opts.timeout * 1000); });
      docResponses = [];
      const t0 = now();
      fs.writeFileSync(opts.file, text);
      const r = await Promise.race([seen, timeout]);
      clearTimeout(timer);
      const tag = counted ? `edit ${i - opts.warmup + 1}/${opts.edits}` : `warm-up ${i + 1}/${opts.warmup}`;
      if (!r) {
        state.resolve = null;
        misses++;
        const shown = await page.evaluate(() => (document.documentElement.textContent.match(/latprobe[0-9a-z]+/g) || []).join(' ')).catch(() => '?');
        console.log(`${tag}: not visible after ${opts.timeout} s; ${state.docs - docs0} new documents since the edit, ` +
          `document responses [${docResponses.join(' ')}], page shows ${shown || 'no token'}`);
        continue;
      }
      let t1 = r.t;
      let note = '';
      const delivery = r.recv - r.t;
      if (delivery < -1) { // the page's clock is ahead of Node's: trust Node's
        t1 = r.recv;
        note = ` (page clock ${(-delivery).toFixed(1)} ms ahead of Node's; used the receive time)`;
      }
      const s = {
        ms: t1 - t0,
        via: r.doc === doc0 ? 'patch' : `reload${state.docs - docs0 > 1 ? ` (${state.docs - docs0} documents)` : ''}`,
        responses: docResponses.slice(),
        when: r.how + (r.readyState === 'loading' ? ' while parsing' : ''),
        delivery,
      };
      (counted ? samples : warm).push(s);
      console.log(`${tag}: ${s.ms.toFixed(1)} ms  via ${s.via}, seen at ${s.when}; binding arrived +${delivery.toFixed(1)} ms${note}`);
      // Wait --settle after the text showed, and at least --gap from this
      // write to the next (see the header).
      await sleep(Math.max(opts.settle, opts.gap - (now() - t0)) + Math.random() * opts.jitter);
    }
  } finally {
    restore();
    await browser.close();
  }

  const ms = samples.map((s) => s.ms).sort((a, b) => a - b);
  const summary = { label: opts.label, url: opts.url, file: opts.file, n: ms.length, misses };
  if (ms.length) {
    Object.assign(summary, {
      p50: percentile(ms, 50), p90: percentile(ms, 90), min: ms[0], max: ms[ms.length - 1],
      deliveryP50: percentile(samples.map((s) => s.delivery).sort((a, b) => a - b), 50),
    });
    console.log(`${opts.label}: p50 ${summary.p50.toFixed(0)} ms, p90 ${summary.p90.toFixed(0)} ms, ` +
      `min ${summary.min.toFixed(0)} ms, max ${summary.max.toFixed(0)} ms, n ${ms.length}` +
      (misses ? `, ${misses} never visible` : ''));
  } else {
    console.log(`${opts.label}: no edit became visible (${misses} tried)`);
  }
  summary.samples = samples;
  summary.warmup = warm;
  if (opts.json) fs.writeFileSync(opts.json, JSON.stringify(summary, null, 2) + '\n');
  if (misses || !ms.length) process.exitCode = 1;
}

main().catch((e) => {
  console.error(`latency.js: ${e.stack || e.message}`);
  process.exit(1);
});
