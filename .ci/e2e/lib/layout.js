// The layout-shift gate: a page with pictures must not move while they
// load. Each page that has an <img> is opened at 1280 and 375 px with every
// picture held back 300 ms, as on a slow connection, so the page lays out
// before any picture arrives; the page is then scrolled to its end, so lazy
// pictures load in view, waiting at each screen for its pictures; the
// Cumulative Layout Shift the browser reports (the Layout Instability API)
// must be 0.
'use strict';

const PICTURE_DELAY_MS = 300;
const WIDTHS = [1280, 375];

// Runs in the page before its scripts: adds up layout shifts and names
// the elements that moved.
function observeShifts() {
  window.__cls = 0;
  window.__moved = [];
  const name = (n) => n && n.nodeType === 1
    ? n.tagName.toLowerCase() + (n.id ? '#' + n.id : '') + (n.className && typeof n.className === 'string' ? '.' + n.className.trim().split(/\s+/).join('.') : '')
    : '#text';
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) {
      if (e.hadRecentInput) continue;
      window.__cls += e.value;
      for (const s of e.sources || []) window.__moved.push(name(s.node));
    }
  }).observe({ type: 'layout-shift', buffered: true });
}

// Runs in the page: reads it as a reader would, a screen at a time from
// the top, waiting at each screen for the pictures in view (a shift only
// counts while the reader can see it), then waits for every picture.
async function scrollThrough() {
  const settle = (img) => (img.complete ? null : new Promise((r) => { img.addEventListener('load', r); img.addEventListener('error', r); }));
  const inView = (img) => {
    const r = img.getBoundingClientRect();
    return r.bottom >= 0 && r.top <= window.innerHeight;
  };
  const step = Math.max(200, window.innerHeight - 100);
  for (let y = 0; ; y += step) {
    window.scrollTo(0, y);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    await Promise.race([Promise.all([...document.images].filter(inView).map(settle)), new Promise((r) => setTimeout(r, 5000))]);
    await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 50)));
    if (y + window.innerHeight >= document.documentElement.scrollHeight) break;
  }
  await Promise.all([...document.images].map(settle));
  return { cls: window.__cls, moved: [...new Set(window.__moved)], images: document.images.length };
}

// layoutShifts visits paths and returns, for each path and width, the
// page's layout shift and what moved.
async function layoutShifts({ browser, origin, paths }) {
  const out = [];
  for (const width of WIDTHS) {
    const context = await browser.newContext({ viewport: { width, height: 800 } });
    await context.addInitScript(observeShifts);
    await context.route(/\.(jpe?g|png|webp|gif|svg)(\?.*)?$/i, async (route) => {
      await new Promise((r) => setTimeout(r, PICTURE_DELAY_MS));
      await route.continue();
    });
    const page = await context.newPage();
    try {
      for (const p of paths) {
        await page.goto(origin + p, { waitUntil: 'domcontentloaded' });
        const r = await page.evaluate(scrollThrough);
        out.push({ path: p, width, ...r });
      }
    } finally {
      await context.close();
    }
  }
  return out;
}

module.exports = { layoutShifts, PICTURE_DELAY_MS, WIDTHS };
