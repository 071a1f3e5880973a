// The browser side of the gates: one headless Chromium (Debian's, driven by
// playwright-core; never a downloaded browser build) visits every page in
// three contexts that run side by side:
//
//   desktop  1280 px, JavaScript on:  axe, one h1, sub-resources, the
//                                     header's focus order, screenshot
//   mobile    375 px, JavaScript on:  axe, horizontal overflow, words broken
//             in two in headings and figures, the header's focus order,
//             screenshot
//   nojs     1280 px, JavaScript off: main content and navigation visible;
//                                     every reference and id, for the link gate
//
// It only observes; the gates (gates.js) decide what fails.
'use strict';

const fs = require('fs');
const path = require('path');

// The flags the project runs Chromium with. Playwright adds its own
// automation flags and starts Chromium on a fresh temporary --user-data-dir,
// which it removes when the browser closes.
const CHROMIUM_ARGS = ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking',
  '--disable-component-update', '--disable-sync', '--no-first-run'];

const AXE_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

const VIEWS = {
  desktop: { viewport: { width: 1280, height: 900 }, javaScriptEnabled: true },
  mobile: { viewport: { width: 375, height: 812 }, javaScriptEnabled: true },
  nojs: { viewport: { width: 1280, height: 900 }, javaScriptEnabled: false },
};

async function launch(executablePath) {
  const { chromium } = require('playwright-core');
  return chromium.launch({ executablePath, headless: true, args: CHROMIUM_ARGS, timeout: 60000 });
}

// Runs in the page: what every view records.
function pageFacts() {
  const sheets = [...document.styleSheets].map((s) => {
    let rules = -1;
    try {
      rules = s.cssRules.length;
    } catch { /* a cross-origin sheet */ }
    return { href: s.href, rules };
  });
  const kind = [...document.body.classList].find((c) => c.startsWith('kind-'));
  const root = document.documentElement;
  return {
    kind: kind ? kind.slice('kind-'.length) : '',
    h1s: document.querySelectorAll('h1').length,
    styled: sheets.some((s) => s.href && s.rules > 0),
    scrollWidth: root.scrollWidth,
    clientWidth: root.clientWidth,
  };
}

// Runs in the page: the outermost elements that stick out to the right.
function overflowingElements() {
  const limit = document.documentElement.clientWidth + 1;
  const sticksOut = (e) => e.getBoundingClientRect().right > limit;
  const name = (e) => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
    [...e.classList].map((c) => '.' + c).join('');
  return [...document.querySelectorAll('body *')]
    .filter((e) => sticksOut(e) && !(e.parentElement && e.parentElement !== document.body && sticksOut(e.parentElement)))
    .slice(0, 5)
    .map((e) => `${name(e)} (right edge at ${Math.round(e.getBoundingClientRect().right)} px)`);
}

// Runs in the page: words of headings and figures that a narrow window
// breaks in two ("Southea" / "st"), which a reader cannot take in at a
// glance. Long prose may wrap a long word; these short texts must not.
function brokenWords() {
  const broken = [];
  for (const el of document.querySelectorAll('h1, h2, h3, .stats dt, .stats dd')) {
    const walker = document.createTreeWalker(el, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      for (const m of node.data.matchAll(/[\p{L}\p{N}]+/gu)) {
        const range = document.createRange();
        range.setStart(node, m.index);
        range.setEnd(node, m.index + m[0].length);
        const tops = new Set([...range.getClientRects()].filter((r) => r.width > 0).map((r) => Math.round(r.top)));
        if (tops.size > 1) broken.push(`"${m[0]}" in ${el.tagName.toLowerCase()}${[...el.classList].map((c) => '.' + c).join('')}`);
      }
    }
  }
  return broken.slice(0, 5);
}

// Runs in the page: the site header's controls in the order Tab reaches
// them and in the order they are seen (row by row, left to right). Where
// the two differ, a keyboard jumps about the header (WCAG 2.4.3), and a
// slow phone that shows the header before it has all of it moves what is
// seen when the rest arrives. Returns the first pair out of order, or null.
function headerFocusOrder() {
  const header = document.querySelector('body > header, .site-header');
  if (!header) return null;
  const name = (el) => el.tagName.toLowerCase() + (el.id ? '#' + el.id : '') +
    (el.getAttribute('href') ? `[href="${el.getAttribute('href')}"]` : '') + (el.textContent.trim() ? ` "${el.textContent.trim().slice(0, 30)}"` : '');
  // In the order Tab takes: a positive tabindex first, by its value, then
  // the rest as the document has them (sort is stable).
  const rank = (el) => (el.tabIndex > 0 ? el.tabIndex : Infinity);
  const tabbable = [...header.querySelectorAll('a[href], button, input:not([type="hidden"]), select, textarea, [tabindex]')]
    .filter((el) => el.tabIndex >= 0 && !el.disabled && el.getClientRects().length > 0 && getComputedStyle(el).visibility !== 'hidden')
    .sort((a, b) => rank(a) - rank(b) || 0);
  const box = new Map(tabbable.map((el) => [el, el.getBoundingClientRect()]));
  const rtl = getComputedStyle(header).direction === 'rtl';
  // Two controls are on one row when each one's middle is within the other;
  // a row reads from the left, or from the right in a right-to-left language.
  const seenBefore = (a, b) => {
    const ra = box.get(a);
    const rb = box.get(b);
    const midA = (ra.top + ra.bottom) / 2;
    const midB = (rb.top + rb.bottom) / 2;
    const sameRow = midA >= rb.top && midA <= rb.bottom && midB >= ra.top && midB <= ra.bottom;
    if (!sameRow) return midA < midB;
    return rtl ? ra.right > rb.right : ra.left < rb.left;
  };
  for (let i = 1; i < tabbable.length; i++) {
    for (let j = 0; j < i; j++) {
      if (seenBefore(tabbable[i], tabbable[j])) return { first: name(tabbable[j]), then: name(tabbable[i]) };
    }
  }
  return null;
}

// Runs in a case study under print media: the navigation aids that would
// still print, and the parts of the story that would not.
function printFacts() {
  const shown = (sel) => [...document.querySelectorAll(sel)]
    .some((el) => getComputedStyle(el).visibility !== 'hidden' && el.getClientRects().length > 0);
  const aids = ['.site-nav', '.site-search', '.breadcrumb', '.backlinks', '.site-footer',
    '.case-study .facts-journey', '.case-study .related'];
  const story = ['.case-study h1', '.case-study .story', '.case-study .facts', '.case-study .lessons-section',
    '.case-study .hero-image img'];
  return {
    aids: aids.filter(shown),
    hidden: story.filter((sel) => document.querySelector(sel) && !shown(sel)),
  };
}

// Runs in the page with JavaScript off: is the page usable, and what does it
// reference.
function noJsFacts() {
  const visible = (el) => {
    if (!el) return false;
    const s = getComputedStyle(el);
    const b = el.getBoundingClientRect();
    return s.display !== 'none' && s.visibility !== 'hidden' && b.width > 0 && b.height > 0;
  };
  const main = document.querySelector('main, [role="main"]');
  const h1 = main ? [...main.querySelectorAll('h1')].find(visible) : null;
  const mainText = main ? main.innerText.replace(/\s+/g, ' ').trim() : '';
  const navs = [...document.querySelectorAll('nav, [role="navigation"]')];
  const nav = navs.find((n) => /^(main|primary|site)/i.test(n.getAttribute('aria-label') || '')) ||
    document.querySelector('header nav, [role="banner"] nav') || navs[0];
  const navLinks = nav ? [...nav.querySelectorAll('a[href]')].filter(visible).length : 0;

  const refs = [];
  const add = (el, attr, value) => {
    if (value != null) refs.push({ tag: el.tagName.toLowerCase(), attr, value });
  };
  for (const el of document.querySelectorAll('[href]')) add(el, 'href', el.getAttribute('href'));
  for (const el of document.querySelectorAll('[src]')) add(el, 'src', el.getAttribute('src'));
  for (const el of document.querySelectorAll('[poster]')) add(el, 'poster', el.getAttribute('poster'));
  for (const el of document.querySelectorAll('object[data]')) add(el, 'data', el.getAttribute('data'));
  for (const el of document.querySelectorAll('form[action]')) add(el, 'action', el.getAttribute('action'));
  for (const el of document.querySelectorAll('[srcset]')) {
    for (const candidate of el.getAttribute('srcset').split(',')) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) add(el, 'srcset', url);
    }
  }
  for (const el of document.querySelectorAll('meta[property="og:url"], meta[property="og:image"], meta[name="twitter:image"]')) {
    add(el, 'content', el.getAttribute('content'));
  }
  const ids = [...document.querySelectorAll('[id]')].map((e) => e.id)
    .concat([...document.querySelectorAll('a[name]')].map((e) => e.getAttribute('name')));
  return {
    hasMain: !!main,
    mainVisible: visible(main),
    h1Text: h1 ? h1.innerText.trim() : '',
    mainText,
    hasNav: !!nav,
    navVisible: visible(nav),
    navLinks,
    refs,
    ids,
  };
}

async function axeViolations(page, axePath) {
  await page.addScriptTag({ path: axePath });
  return page.evaluate(async (tags) => {
    // eslint-disable-next-line no-undef
    const r = await axe.run(document, { runOnly: { type: 'tag', values: tags }, resultTypes: ['violations'] });
    return r.violations.map((v) => ({
      id: v.id,
      impact: v.impact,
      help: v.help,
      nodes: v.nodes.map((n) => ({ target: n.target.join(' '), html: n.html, summary: n.failureSummary || '' })),
    }));
  }, AXE_TAGS);
}

/**
 * Visits every URL path in each view (scriptPaths, when given, in the views
 * with JavaScript: desktop and mobile; paths in the no-JavaScript one).
 * shotsDir (may be null) receives a
 * full-page screenshot per page kind and view (desktop and mobile), of the
 * first page of that kind in paths. Resolves to
 *   { views: { desktop|mobile|nojs: Map(path → record) }, shots: [{kind, view, file, page, error?}],
 *     seconds: { view → time it took } }
 * where a record holds the document status, failed sub-resources, pageFacts,
 * and per view: axe violations and overflow (JS views) or noJsFacts (nojs).
 */
async function visitAll({ browser, origin, paths, scriptPaths, shotsDir, axePath }) {
  const views = {};
  const shots = [];
  const seconds = {};

  async function runView(name) {
    const context = await browser.newContext({ ...VIEWS[name], reducedMotion: 'reduce' });
    const page = await context.newPage();
    const records = new Map();
    views[name] = records;
    const t0 = Date.now();
    let loads = [];
    page.on('response', (r) => {
      if (r.request().resourceType() !== 'document' && r.status() >= 400) loads.push(`${r.status()} ${r.url()}`);
    });
    page.on('requestfailed', (req) => {
      const why = req.failure()?.errorText || 'failed';
      // A request the browser itself cancelled by moving on to the next
      // page (a lazy favicon fetch, say) is not a broken reference.
      if (why !== 'net::ERR_ABORTED') loads.push(`${why} ${req.url()}`);
    });
    const shotKinds = new Set();
    for (const p of (name === 'nojs' ? paths : scriptPaths || paths)) {
      loads = [];
      const rec = { path: p };
      records.set(p, rec);
      try {
        const resp = await page.goto(origin + p, { waitUntil: 'load', timeout: 30000 });
        rec.status = resp ? resp.status() : 0;
        rec.facts = await page.evaluate(pageFacts);
        if (name === 'nojs') {
          rec.nojs = await page.evaluate(noJsFacts);
        } else {
          const kind = rec.facts.kind || 'unknown';
          if (shotsDir && !shotKinds.has(kind)) {
            shotKinds.add(kind);
            const file = path.join(shotsDir, `${kind}-${name}.png`);
            const shot = { kind, view: name, page: p, file };
            try {
              await page.screenshot({ path: file, fullPage: true });
            } catch (e) {
              shot.error = e.message.split('\n')[0];
            }
            shot.styled = rec.facts.styled;
            shots.push(shot);
          }
          if (name === 'mobile' && rec.facts.scrollWidth > rec.facts.clientWidth) {
            rec.overflow = await page.evaluate(overflowingElements);
          }
          if (name === 'mobile') {
            rec.brokenWords = await page.evaluate(brokenWords);
          }
          rec.focusOrder = await page.evaluate(headerFocusOrder);
          if (name === 'desktop' && kind === 'case-study') {
            await page.emulateMedia({ media: 'print' });
            rec.print = await page.evaluate(printFacts);
            await page.emulateMedia({ media: 'screen' });
          }
          rec.violations = await axeViolations(page, axePath);
        }
      } catch (e) {
        rec.error = e.message.split('\n')[0];
      }
      rec.loads = loads;
    }
    await context.close();
    seconds[name] = (Date.now() - t0) / 1000;
  }

  await Promise.all(Object.keys(VIEWS).map(runView));
  return { views, shots, seconds };
}

module.exports = { launch, visitAll, axeViolations, overflowingElements, brokenWords, printFacts, headerFocusOrder, AXE_TAGS, VIEWS, CHROMIUM_ARGS };
