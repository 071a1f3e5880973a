#!/usr/bin/env node
// Live reload of `casebook serve` in a real browser: a copy of a site is
// served, its files are edited while Chromium has pages open, and the pages
// must follow by themselves:
//
//   morph          a body edit of a case study shows up in its open page
//                  without a reload: the scroll position, the focus and the
//                  page's JavaScript state stay
//   morph-faithful after edits of other kinds (a heading and paragraph added
//                  before the body, the title changed, the addition taken
//                  out), the morphed page equals the page as served, head
//                  and body, still without a reload
//   other-tab      a second edit updates that page only: a tab on a page
//                  whose HTML did not change is not touched
//   reload-changed a page a script changed since it was served is reloaded
//                  instead of morphed, at the same scroll position
//   reload-inline  with an inline script in the layout (it runs before the
//                  live-reload script can copy the page), an edit reloads
//   overlay        broken frontmatter puts an overlay naming the file over
//                  every open page; the last good content stays underneath
//   overlay-clears fixing it removes the overlay by itself
//   css-swap       a stylesheet change is swapped in without a reload
//   later-pages    a case study moved from the top of the lists it is on
//                  shifts their later pages: the one open in a tab is
//                  updated with the save, the others follow in a second
//                  update (the copy's lists hold 4 entries a page, so they
//                  run to several pages)
//   shutdown       Ctrl-C (SIGINT) stops the server with status 0 within 5 s
//
// usage: node live.js --casebook PATH_TO_BINARY --site SITE_DIR
//
// The site's casebook.toml, content/ and any layouts/ and static/ are copied
// into a new temporary folder, which is the only thing edited (and is removed
// at the end). Prints "live: N passed, M failed" and exits 1 if any check
// failed. Outside CI the checks are skipped when Chromium or playwright-core
// is missing; with CI=true that is a failure.
// Environment: CHROMIUM (default /usr/bin/chromium).
'use strict';

const fs = require('fs');
const http = require('http');
const net = require('net');
const os = require('os');
const path = require('path');
const { spawn } = require('child_process');
const { isExecutable, missingTools, reportMissing } = require('./lib/tools');

const CHECKS = ['morph', 'morph-faithful', 'other-tab', 'reload-changed', 'reload-inline', 'overlay', 'overlay-clears', 'css-swap', 'later-pages', 'shutdown'];
const PAGE_SIZE = 4; // entries a page of a list, in the copy
const WAIT = 10000; // how long a page may take to follow an edit
const EXIT_WAIT = 5000; // how long the server may take to stop after SIGINT
const THEME_CSS = path.resolve(__dirname, '../../static/css/casebook.css');
const OVERLAY = '[role="alertdialog"][aria-labelledby="casebook-overlay-title"]';
const OUTLINE = 'rgb(1, 2, 3)';

function parseArgs(argv) {
  const opts = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const take = () => {
      if (i + 1 >= argv.length) usage(`${a} needs a value`);
      return argv[++i];
    };
    if (a === '--casebook') opts.casebook = take();
    else if (a === '--site') opts.site = take();
    else usage(`unknown argument ${a}`);
  }
  if (!opts.casebook || !opts.site) usage('--casebook and --site are required');
  return opts;
}

function usage(msg) {
  console.error(`live: ${msg}\nusage: node live.js --casebook PATH_TO_BINARY --site SITE_DIR`);
  process.exit(2);
}

// ---- the site copy ----------------------------------------------------------

function copySite(site, dest) {
  if (!fs.existsSync(path.join(site, 'casebook.toml'))) throw new Error(`${site} has no casebook.toml`);
  fs.copyFileSync(path.join(site, 'casebook.toml'), path.join(dest, 'casebook.toml'));
  for (const dir of ['content', 'layouts', 'static']) {
    const from = path.join(site, dir);
    if (fs.existsSync(from)) fs.cpSync(from, path.join(dest, dir), { recursive: true });
    else if (dir === 'content') throw new Error(`${site} has no content/ folder`);
  }
}

function isDraft(text) {
  const m = /^(---|\+\+\+)\r?\n([\s\S]*?)\r?\n\1\s*$/m.exec(text);
  return !!m && /^draft\s*[:=]\s*true\b/m.test(m[2]);
}

// The first published case study, and a plain page that does not show it.
function pickPages(src) {
  const dir = path.join(src, 'content', 'case-studies');
  const cases = fs.existsSync(dir) ? fs.readdirSync(dir).filter((f) => f.endsWith('.md') && !f.startsWith('_')).sort() : [];
  const file = cases.find((f) => !isDraft(fs.readFileSync(path.join(dir, f), 'utf8')));
  if (!file) throw new Error('the site has no published case study in content/case-studies/');
  const plain = ['about.md', ...fs.readdirSync(path.join(src, 'content')).filter((f) => f.endsWith('.md')).sort()]
    .find((f) => f !== '_index.md' && fs.existsSync(path.join(src, 'content', f)) &&
      !isDraft(fs.readFileSync(path.join(src, 'content', f), 'utf8')));
  if (!plain) throw new Error('the site has no plain page (content/*.md besides _index.md) for the second tab');
  const slug = file.slice(0, -'.md'.length);
  return {
    caseFile: path.join(dir, file),
    caseRel: `content/case-studies/${file}`,
    casePath: `case-studies/${slug}/`,
    otherPath: `${plain.slice(0, -'.md'.length)}/`,
  };
}

// shortLists sets the copy's lists to PAGE_SIZE entries a page.
function shortLists(src) {
  const file = path.join(src, 'casebook.toml');
  let toml = fs.readFileSync(file, 'utf8');
  if (/^page_size\s*=.*$/m.test(toml)) toml = toml.replace(/^page_size\s*=.*$/m, `page_size = ${PAGE_SIZE}`);
  else if (/^\[lists\]\s*$/m.test(toml)) toml = toml.replace(/^\[lists\]\s*$/m, `[lists]\npage_size = ${PAGE_SIZE}`);
  else toml += `\n[lists]\npage_size = ${PAGE_SIZE}\n`;
  fs.writeFileSync(file, toml);
}

// An unclosed quoted string as the title: YAML and TOML both reject it.
function breakTitle(text) {
  const lines = text.split('\n');
  const fence = lines[0].trim();
  for (let i = 1; i < lines.length && lines[i].trim() !== fence; i++) {
    const m = /^(title\s*[:=]\s*)(.*)$/.exec(lines[i]);
    if (m) {
      lines[i] = `${m[1]}"${m[2].replace(/^["']|["']\s*$/g, '')}`;
      return lines.join('\n');
    }
  }
  lines.splice(1, 0, fence === '+++' ? 'title = "unclosed' : 'title: "unclosed');
  return lines.join('\n');
}

// ---- the server -------------------------------------------------------------

function freePort() {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.unref();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });
}

// Starts `casebook serve` and resolves once it printed its URL.
async function startServer(casebook, src) {
  const port = await freePort();
  const child = spawn(casebook, ['serve', '--src', src, '--addr', `127.0.0.1:${port}`],
    { stdio: ['ignore', 'pipe', 'pipe'] });
  const log = [];
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const url = await new Promise((resolve, reject) => {
    let buf = '';
    const timer = setTimeout(() => reject(new Error('no "serving http://..." line within 20 s')), 20000);
    child.stdout.on('data', (d) => {
      buf += d;
      let nl;
      while ((nl = buf.indexOf('\n')) >= 0) {
        const line = buf.slice(0, nl);
        buf = buf.slice(nl + 1);
        log.push(line);
        const m = /^serving (http:\/\/\S+)/.exec(line);
        if (m) {
          clearTimeout(timer);
          resolve(m[1].endsWith('/') ? m[1] : m[1] + '/');
        }
      }
    });
    child.stderr.on('data', (d) => log.push(...String(d).trimEnd().split('\n')));
    child.on('error', (e) => { clearTimeout(timer); reject(e); });
    exited.then(({ code, signal }) => {
      clearTimeout(timer);
      reject(new Error(`casebook serve exited (${signal || code}) before serving`));
    });
  }).catch((e) => {
    child.kill('SIGKILL');
    throw new Error(`${e.message}\n${log.map((l) => '  | ' + l).join('\n')}`);
  });
  return { child, url, log, exited };
}

// Listens to the server's event stream from Node, to say in a failure what
// the server announced.
function listenEvents(url) {
  const events = [];
  const req = http.get(url, (res) => {
    let buf = '';
    res.setEncoding('utf8');
    res.on('data', (d) => {
      buf += d;
      let end;
      while ((end = buf.indexOf('\n\n')) >= 0) {
        const block = buf.slice(0, end);
        buf = buf.slice(end + 2);
        const type = /^event: (.*)$/m.exec(block);
        const data = /^data: (.*)$/m.exec(block);
        if (type) events.push({ at: Date.now(), type: type[1], data: data ? data[1] : '' });
      }
    });
    res.on('error', () => {});
  });
  req.on('error', () => {});
  return { events, close: () => req.destroy() };
}

// ---- the browser ------------------------------------------------------------

// Installed in every page before its own scripts: records what the page's
// EventSource receives, so a check can wait for "connected" and say what a
// tab was told. It only observes.
function recordEvents() {
  const Orig = window.EventSource;
  if (!Orig) return;
  window.__liveEvents = [];
  window.EventSource = class extends Orig {
    constructor(url, init) {
      super(url, init);
      const log = (e) => window.__liveEvents.push(
        e.type === 'error' && e.data === undefined ? { type: 'connection-error' } : { type: e.type, data: e.data });
      for (const t of ['open', 'hello', 'build', 'reload', 'css', 'error', 'ok']) this.addEventListener(t, log);
    }
  };
}

function navigationError(e) {
  return /Execution context was destroyed|navigat|Cannot find context|context.*(destroyed|disposed)/i.test(e.message);
}

// Waits until fn(arg) is truthy in the page, across reloads (a reload
// destroys the execution context a wait runs in: wait again, in the new one).
async function waitIn(page, fn, arg, what, timeout = WAIT) {
  const deadline = Date.now() + timeout;
  for (;;) {
    const left = deadline - Date.now();
    try {
      if (left <= 0) throw new Error('timeout');
      await page.waitForFunction(fn, arg, { timeout: left, polling: 100 });
      return;
    } catch (e) {
      if (navigationError(e) && Date.now() < deadline) continue;
      if (/timeout/i.test(e.message)) throw new Error(`not within ${timeout / 1000} s: ${what}`);
      throw e;
    }
  }
}

// A page whose live script is connected: its EventSource got "hello".
function connected(page) {
  return waitIn(page, () => document.readyState === 'complete' &&
    (window.__liveEvents || []).some((e) => e.type === 'hello'), null, 'the live-reload script connected');
}

async function tabEvents(page) {
  try {
    return JSON.stringify(await page.evaluate(() => window.__liveEvents));
  } catch (e) {
    return `(could not read: ${e.message.split('\n')[0]})`;
  }
}

// ---- the checks -------------------------------------------------------------

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  const inCI = process.env.CI === 'true';
  const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
  const started = Date.now();

  const missing = missingTools(chromiumPath, ['playwright-core']);
  if (missing) return reportMissing('live', missing, inCI, CHECKS.length);
  if (!isExecutable(opts.casebook)) usage(`${opts.casebook} is not an executable`);

  const results = new Map(); // name → { ok, detail, ms }
  const record = (name, ok, detail, t0) => {
    const ms = Date.now() - t0;
    results.set(name, { ok, detail, ms });
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${name}: ${detail} (${(ms / 1000).toFixed(1)} s)`);
  };

  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-live-'));
  const src = path.join(tmp, 'site');
  fs.mkdirSync(src);
  let server = null;
  let browser = null;
  let monitor = null;
  try {
    copySite(path.resolve(opts.site), src);
    shortLists(src);
    const pick = pickPages(src);
    server = await startServer(path.resolve(opts.casebook), src);
    const base = server.url;
    console.log(`casebook serve at ${base}; editing ${pick.caseRel} in ${src}`);
    monitor = listenEvents(base + '_casebook/events');

    const { launch } = require('./lib/browser');
    browser = await launch(chromiumPath);
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    await context.addInitScript(recordEvents);
    const pageErrors = [];
    const open = async (p) => {
      const page = await context.newPage();
      page.loads = 0;
      page.on('load', () => { page.loads++; });
      page.on('pageerror', (e) => pageErrors.push(`${p}: ${e.message}`));
      await page.goto(base + p, { waitUntil: 'load', timeout: 30000 });
      await connected(page);
      return page;
    };

    // Runs one check: fn returns the detail to print, or throws a failure.
    const tabs = {};
    const run = async (name, fn) => {
      const t0 = Date.now();
      const seen = monitor.events.length;
      try {
        const { exitCode, signalCode } = server.child;
        if (exitCode !== null || signalCode !== null) throw new Error(`casebook serve is gone (${signalCode || `status ${exitCode}`})`);
        record(name, true, await fn(), t0);
      } catch (e) {
        const told = monitor.events.slice(seen).map((ev) => `${ev.type} ${ev.data}`).join('\n       ') || '(nothing)';
        let detail = e.message.split('\n').join('\n       ');
        detail += `\n     the server announced:\n       ${told}`;
        for (const [label, page] of Object.entries(tabs)) detail += `\n     ${label} tab received: ${await tabEvents(page)}`;
        record(name, false, detail, t0);
      }
    };

    const original = fs.readFileSync(pick.caseFile, 'utf8');
    const id = `${process.pid}x${Date.now().toString(36)}`;
    const sentence1 = `Livecheck ${id} first sentence arrived.`;
    const sentence2 = `Livecheck ${id} second sentence arrived.`;
    const append = (s) => fs.appendFileSync(pick.caseFile, `${original.endsWith('\n') ? '' : '\n'}\n${s}\n`);
    const hasText = (s) => !!document.querySelector('main') && document.querySelector('main').innerText.includes(s);

    // Scrolls the case tab down a little and focuses a link in its main
    // content, marking the link and the window to see whether they survive.
    const settle = (page) => page.evaluate(() => {
      const link = document.querySelector('main a[href]');
      if (link) { link.focus({ preventScroll: true }); link.__focused = true; }
      window.scrollTo(0, Math.min(240, document.documentElement.scrollHeight - innerHeight));
      window.__marker = 3;
      return { y: scrollY, link: !!link };
    });
    const state = (page) => page.evaluate(() => ({
      y: scrollY, marker: window.__marker, focused: !!(document.activeElement && document.activeElement.__focused),
    }));

    await run('morph', async () => {
      tabs.case = await open(pick.casePath);
      const before = tabs.case.loads;
      const was = await settle(tabs.case);
      append(sentence1);
      await waitIn(tabs.case, hasText, sentence1, `"${sentence1}" in ${pick.casePath} after appending it to ${pick.caseRel}`);
      const now = await state(tabs.case);
      const problems = [];
      if (tabs.case.loads !== before || now.marker !== 3) problems.push(`the page reloaded (${tabs.case.loads - before} loads, window.__marker ${now.marker})`);
      if (Math.abs(now.y - was.y) > 1) problems.push(`the scroll position moved from ${was.y} to ${now.y}`);
      if (was.link && !now.focused) problems.push('the focused link lost the focus');
      if (problems.length) throw new Error(problems.join('; '));
      return `${pick.casePath} showed the appended sentence in place: no reload, scrolled to ${now.y} px as before` +
        (was.link ? ', the focused link still focused' : '');
    });

    await run('morph-faithful', async () => {
      if (!tabs.case) throw new Error('no case study tab');
      await connected(tabs.case);
      const before = tabs.case.loads;
      await tabs.case.evaluate(() => { window.__marker = 4; });
      const text = fs.readFileSync(pick.caseFile, 'utf8');
      const lines = text.split('\n');
      const end = lines.indexOf(lines[0], 1); // the frontmatter's closing fence
      if (end < 0) throw new Error(`no frontmatter fence in ${pick.caseRel}`);
      const heading = `Livecheck ${id} heading`;
      const added = [...lines.slice(0, end + 1), '', `## ${heading}`, '', `Livecheck ${id} paragraph.`, ...lines.slice(end + 1)].join('\n');
      const retitled = added.replace(/^(title\s*[:=]\s*["']?)/m, `$1Livecheck ${id} `);
      const steps = [
        ['a heading and a paragraph added', added, (h) => document.querySelector('main').innerText.includes(h), heading],
        ['the title changed', retitled, (t) => document.title.includes(t), `Livecheck ${id} `],
        ['the addition taken out', text.replace(/^(title\s*[:=]\s*["']?)/m, `$1Livecheck ${id} `),
          (h) => !document.querySelector('main').innerText.includes(h), heading],
      ];
      for (const [what, next, shows, arg] of steps) {
        fs.writeFileSync(pick.caseFile, next);
        await waitIn(tabs.case, shows, arg, `${what}: the page shows it`);
        // The served page, parsed, against the page as it is now; the live
        // script's own nodes left out.
        const diff = await tabs.case.evaluate(async () => {
          const html = await (await fetch(location.href, { cache: 'no-store' })).text();
          const doc = new DOMParser().parseFromString(html, 'text/html');
          const norm = (root) => {
            const c = root.cloneNode(true);
            c.querySelectorAll('[data-casebook-events], [data-casebook-overlay]').forEach((n) => n.remove());
            c.querySelectorAll('head > *').forEach((n) => n.remove()); // compared below, by parts
            return c.outerHTML.replace(/>\s+</g, '><').trim();
          };
          const heads = (d) => [...d.head.querySelectorAll('title, meta, link:not([rel~=stylesheet])')]
            .map((n) => n.outerHTML).sort().join('\n');
          if (norm(document.body) !== norm(doc.body)) return 'the body differs from the served page';
          if (heads(document) !== heads(doc)) return `the head differs: ${heads(document)} vs ${heads(doc)}`;
          const tags = document.querySelectorAll('[data-casebook-events]').length;
          if (tags !== 1) return `the page has ${tags} live-reload script tags, want 1`;
          return '';
        });
        if (diff) throw new Error(`${what}: ${diff}`);
      }
      const marker = await tabs.case.evaluate(() => window.__marker);
      if (tabs.case.loads !== before || marker !== 4) throw new Error(`the page reloaded (${tabs.case.loads - before} loads)`);
      fs.writeFileSync(pick.caseFile, text);
      await waitIn(tabs.case, (t) => !document.title.includes(t), `Livecheck ${id} `, 'the title back as it was');
      return `${steps.map((x) => x[0]).join(', ')}: each time the page equals the served page, no reload`;
    });

    await run('other-tab', async () => {
      if (!tabs.case) throw new Error('no case study tab (the reload check could not open it)');
      tabs.other = await open(pick.otherPath);
      await connected(tabs.case);
      const seen = await tabs.other.evaluate(() => { window.__marker = 1; return window.__liveEvents.length; });
      const otherLoads = tabs.other.loads;
      const reloaded = new Promise((resolve) => tabs.other.once('load', resolve));
      fs.appendFileSync(pick.caseFile, `\n${sentence2}\n`);
      await waitIn(tabs.case, hasText, sentence2, `"${sentence2}" in ${pick.casePath}`);
      // The other tab is sent the same reload event: once it has it, a reload
      // would be under way; give it a moment to start.
      const told = waitIn(tabs.other, (n) => (window.__liveEvents || []).slice(n).some((e) => e.type === 'reload'), seen,
        `the reload event in the ${pick.otherPath} tab`);
      told.catch(() => {});
      await Promise.race([told, reloaded]);
      if (tabs.other.loads === otherLoads) await tabs.other.waitForTimeout(300);
      let marker;
      try {
        marker = await tabs.other.evaluate(() => window.__marker);
      } catch (e) {
        if (!navigationError(e)) throw e;
        marker = 'gone (the page was navigating)';
      }
      if (marker !== 1 || tabs.other.loads !== otherLoads) {
        throw new Error(`${pick.otherPath} reloaded although its HTML did not change: window.__marker is ${marker}, ${tabs.other.loads - otherLoads} loads`);
      }
      return `${pick.casePath} showed the new text; ${pick.otherPath} kept window.__marker = 1`;
    });

    await run('reload-changed', async () => {
      if (!tabs.case) throw new Error('no case study tab');
      await connected(tabs.case);
      const before = tabs.case.loads;
      const was = await settle(tabs.case);
      await tabs.case.evaluate(() => document.querySelector('main').setAttribute('data-changed-by-a-script', ''));
      const sentence3 = `Livecheck ${id} third sentence arrived.`;
      fs.appendFileSync(pick.caseFile, `\n${sentence3}\n`);
      await waitIn(tabs.case, hasText, sentence3, `"${sentence3}" in ${pick.casePath}`);
      await waitIn(tabs.case, () => document.readyState === 'complete', null, 'the reloaded page loaded');
      const now = await state(tabs.case);
      if (tabs.case.loads === before || now.marker === 3) throw new Error(`the page was morphed although a script had changed it (${tabs.case.loads - before} loads)`);
      if (Math.abs(now.y - was.y) > 1) throw new Error(`the reload did not keep the scroll position: ${was.y} px before, ${now.y} after`);
      return `${pick.casePath} reloaded (${tabs.case.loads - before} load) at ${now.y} px, as it was`;
    });

    await run('reload-inline', async () => {
      if (!tabs.case) throw new Error('no case study tab');
      const layout = path.join(src, 'layouts', 'baseof.html');
      if (!fs.existsSync(layout)) return 'skipped: the site has no layouts/baseof.html to add a script to';
      const before = fs.readFileSync(layout, 'utf8');
      const i = before.lastIndexOf('</body>');
      if (i < 0) throw new Error('layouts/baseof.html has no </body>');
      fs.writeFileSync(layout, before.slice(0, i) + '<script>document.documentElement.dataset.inline = "ran";</script>' + before.slice(i));
      try {
        await waitIn(tabs.case, () => document.documentElement.dataset.inline === 'ran' && document.readyState === 'complete',
          null, 'the page with the inline script loaded');
        await connected(tabs.case);
        await tabs.case.evaluate(() => { window.__marker = 5; });
        const loads = tabs.case.loads;
        const sentence4 = `Livecheck ${id} fourth sentence arrived.`;
        fs.appendFileSync(pick.caseFile, `\n${sentence4}\n`);
        await waitIn(tabs.case, hasText, sentence4, `"${sentence4}" in ${pick.casePath}`);
        const marker = await tabs.case.evaluate(() => window.__marker);
        if (tabs.case.loads === loads || marker === 5) throw new Error(`the page was morphed although an inline script ran before the copy (${tabs.case.loads - loads} loads)`);
        return `${pick.casePath} reloaded (${tabs.case.loads - loads} load) for an edit, as a page with an inline script must`;
      } finally {
        fs.writeFileSync(layout, before);
        await waitIn(tabs.case, () => !document.documentElement.dataset.inline && document.readyState === 'complete',
          null, 'the page without the inline script').catch(() => {});
        await connected(tabs.case).catch(() => {});
      }
    });

    const good = fs.readFileSync(pick.caseFile, 'utf8');
    await run('overlay', async () => {
      if (!tabs.case) throw new Error('no case study tab');
      fs.writeFileSync(pick.caseFile, breakTitle(good));
      const says = [];
      for (const [label, page] of Object.entries(tabs)) {
        await waitIn(page, ([sel, file]) => {
          const o = document.querySelector(sel);
          return !!o && o.textContent.includes(file);
        }, [OVERLAY, pick.caseRel], `an overlay naming ${pick.caseRel} in the ${label} tab`);
        says.push(await page.$eval(OVERLAY, (o) => (o.querySelector('li') || o).innerText.replace(/\s+/g, ' ')));
        // Code in a message shows as code, not as backticks, and one short
        // message leaves the page visible below it.
        const look = await page.$eval(OVERLAY, (o) => ({
          ticks: o.textContent.includes('`'), code: o.querySelectorAll('li code').length,
          items: o.querySelectorAll('li').length, height: o.getBoundingClientRect().height, window: innerHeight,
        }));
        if (look.ticks || look.code < 2) throw new Error(`the overlay in the ${label} tab shows ${look.ticks ? 'backticks' : 'no code'}: ${JSON.stringify(look)}`);
        if (look.items === 1 && look.height > look.window * 0.75) throw new Error(`one problem fills ${Math.round(look.height)} of ${look.window} px in the ${label} tab`);
      }
      const under = await tabs.case.evaluate(hasText, sentence2);
      if (!under) throw new Error(`under the overlay, ${pick.casePath} no longer shows the last good content ("${sentence2}")`);
      return `overlay in ${Object.keys(tabs).length} tabs, e.g. "${says[0].slice(0, 140)}"; the last good page is underneath`;
    });

    await run('overlay-clears', async () => {
      fs.writeFileSync(pick.caseFile, good); // fix it, whatever happened before
      if (!tabs.case) throw new Error('no case study tab');
      for (const [label, page] of Object.entries(tabs)) {
        await waitIn(page, (sel) => !document.querySelector(sel), OVERLAY, `the overlay gone from the ${label} tab`);
      }
      await waitIn(tabs.case, hasText, sentence2, `"${sentence2}" in ${pick.casePath} once fixed`);
      return `the overlay went away by itself and ${pick.casePath} shows its content`;
    });

    await run('css-swap', async () => {
      if (!tabs.case) throw new Error('no case study tab');
      for (const page of Object.values(tabs)) await connected(page);
      await tabs.case.evaluate(() => { window.__marker = 2; });
      if (tabs.other) await tabs.other.evaluate(() => { window.__marker = 1; });
      const caseLoads = tabs.case.loads;
      const otherLoads = tabs.other ? tabs.other.loads : 0;
      const cssFile = path.join(src, 'static', 'css', 'casebook.css');
      const css = fs.existsSync(cssFile) ? fs.readFileSync(cssFile, 'utf8') : fs.readFileSync(THEME_CSS, 'utf8');
      fs.mkdirSync(path.dirname(cssFile), { recursive: true });
      fs.writeFileSync(cssFile, `${css}\nbody{outline:3px solid ${OUTLINE}}\n`);
      const outlined = (c) => getComputedStyle(document.body).outlineColor === c && getComputedStyle(document.body).outlineStyle === 'solid';
      for (const [label, page] of Object.entries(tabs)) {
        await waitIn(page, outlined, OUTLINE, `body outline ${OUTLINE} in the ${label} tab after changing static/css/casebook.css`);
      }
      const markers = [];
      for (const [label, page, want, loads] of [['case', tabs.case, 2, caseLoads], ['other', tabs.other, 1, otherLoads]]) {
        if (!page) continue;
        let marker;
        try {
          marker = await page.evaluate(() => window.__marker);
        } catch (e) {
          if (!navigationError(e)) throw e;
          marker = 'gone (the page was navigating)';
        }
        if (marker !== want || page.loads !== loads) {
          throw new Error(`the ${label} tab reloaded instead of swapping the stylesheet: window.__marker is ${marker}, want ${want}; ${page.loads - loads} loads`);
        }
        markers.push(`${label} ${marker}`);
      }
      return `the new stylesheet applies in every tab, no reload (window.__marker: ${markers.join(', ')})`;
    });

    await run('later-pages', async () => {
      const open2 = 'case-studies/page/2/';
      const urls = (ev) => JSON.parse(ev.data).urls;
      const isOpen = (u) => u.endsWith('/' + open2) && !/\/es\//.test(u);
      const reloads = (from) => monitor.events.slice(from).filter((ev) => ev.type === 'reload');
      const waitFor = async (what, ok) => {
        for (const deadline = Date.now() + WAIT; !ok(); await new Promise((r) => setTimeout(r, 50))) {
          if (Date.now() > deadline) throw new Error(`not within ${WAIT / 1000} s: ${what}`);
        }
      };
      const quiet = async () => { // no event for 600 ms: what earlier saves left has settled
        for (let n = -1; n !== monitor.events.length;) { n = monitor.events.length; await new Promise((r) => setTimeout(r, 600)); }
      };
      const tab = await open(open2);
      const before = await tab.evaluate(() => document.querySelector('main').innerHTML);
      await quiet();
      const text = fs.readFileSync(pick.caseFile, 'utf8');
      if (!/^date:.*$/m.test(text)) throw new Error(`${pick.caseRel} has no date line to move it with`);
      const seen = monitor.events.length;
      fs.writeFileSync(pick.caseFile, text.replace(/^date:.*$/m, 'date: 2000-01-01'));
      try {
        await waitFor('a reload after moving the case study', () => reloads(seen).length > 0);
        const save = urls(reloads(seen)[0]);
        const others = save.filter((u) => u === 'all' || (/\/page\/\d+\/$/.test(u) && !isOpen(u)));
        if (!save.some(isOpen) || others.length) {
          throw new Error(`the save's reload should name ${open2} (open) and no other later page of a list (none is open): ${save.join(' ')}`);
        }
        await waitIn(tab, (was) => document.querySelector('main').innerHTML !== was, before, `the ${open2} tab updated`);
        await waitFor('a second reload naming the later pages of lists that are not open',
          () => reloads(seen).slice(1).some((ev) => urls(ev).some((u) => /\/page\/\d+\/$/.test(u))));
      } finally {
        fs.writeFileSync(pick.caseFile, text);
      }
      await waitFor(`${open2} updated again once the date is put back`, () => reloads(seen).slice(2).some((ev) => urls(ev).some(isOpen)));
      const later = new Set(reloads(seen).slice(1).flatMap(urls).filter((u) => /\/page\/\d+\/$/.test(u) && !isOpen(u)));
      await tab.close();
      await quiet();
      return `moving ${pick.caseRel} down its lists updated the open ${open2} with the save, and ${later.size} other later pages after it`;
    });

    if (pageErrors.length) console.log(`note: JavaScript errors in the pages:\n  ${pageErrors.join('\n  ')}`);

    // Ctrl-C with the pages still open: their event streams must not hold
    // the server up.
    const t0 = Date.now();
    const { child, exited } = server;
    child.kill('SIGINT');
    let timer;
    const exit = await Promise.race([exited, new Promise((resolve) => { timer = setTimeout(resolve, EXIT_WAIT, null); })]);
    clearTimeout(timer);
    if (!exit) {
      record('shutdown', false, `still running ${EXIT_WAIT / 1000} s after SIGINT`, t0);
    } else if (exit.code !== 0) {
      record('shutdown', false, `exited with ${exit.signal || `status ${exit.code}`} after SIGINT`, t0);
    } else {
      record('shutdown', true, 'exited with status 0 after SIGINT', t0);
    }
  } catch (e) {
    console.log(`FAIL live: ${e.stack || e.message}`);
    results.set('(could not finish)', { ok: false });
  } finally {
    if (monitor) monitor.close();
    if (browser) await browser.close().catch(() => {});
    if (server && server.child.exitCode === null && server.child.signalCode === null) server.child.kill('SIGKILL');
    fs.rmSync(tmp, { recursive: true, force: true });
  }

  const failed = [...results.values()].filter((r) => !r.ok).length;
  const passed = results.size - failed;
  if (failed && server && server.log.length) {
    console.log(`casebook serve said:\n${server.log.slice(-40).map((l) => '  | ' + l).join('\n')}`);
  }
  console.log(`live took ${((Date.now() - started) / 1000).toFixed(1)} s`);
  console.log(`live: ${passed} passed, ${failed} failed`);
  return failed ? 1 : 0;
}

main().then((code) => {
  process.exitCode = code;
}, (e) => {
  console.error(`live: ${e.stack || e.message}`);
  process.exitCode = 2;
});
