// Gate 3, the HTTP side: every internal reference found in the pages (as the
// browser parsed them), in the feeds, the sitemap, robots.txt and the
// stylesheets is fetched from the loopback server under the base path, and
// must answer 200; every #anchor must name an id on its target page; nothing
// internal may point outside the base path; a missing deep URL must get the
// site's 404.html with status 404.
'use strict';

const fs = require('fs');
const path = require('path');

const SKIP_SCHEMES = new Set(['mailto:', 'tel:', 'sms:', 'data:', 'javascript:', 'blob:']);

class LinkChecker {
  /**
   * origin: the loopback server; siteOrigin: scheme://host of the base URL
   * (absolute URLs there are the site's own); basePath: "/casebook/";
   * idsByPath: Map(url path → ids) of pages the browser already parsed.
   */
  constructor({ origin, siteOrigin, basePath, idsByPath }) {
    Object.assign(this, { origin, siteOrigin, basePath, idsByPath });
    this.fetched = new Map(); // loopback URL without fragment → Promise<{status, type, body}>
    this.failures = [];
    this.checkedRefs = 0;
    this.external = new Set();
  }

  fail(page, msg) {
    this.failures.push({ page, msg });
  }

  get(url) {
    if (!this.fetched.has(url)) {
      this.fetched.set(url, fetch(url, { redirect: 'manual' }).then(async (r) => ({
        status: r.status,
        type: r.headers.get('content-type') || '',
        body: Buffer.from(await r.arrayBuffer()),
      })));
    }
    return this.fetched.get(url);
  }

  /**
   * Checks one reference found on page (a URL path) and served from
   * fromURL (the URL the reference is relative to). what describes it for
   * messages, e.g. `a href="…"`.
   */
  async checkRef(page, fromURL, raw, what) {
    let u;
    try {
      u = new URL(raw, fromURL);
    } catch {
      return this.fail(page, `${what}: not a valid URL`);
    }
    if (SKIP_SCHEMES.has(u.protocol)) return;
    if (u.origin !== this.origin && u.origin !== this.siteOrigin) {
      this.external.add(u.href);
      return;
    }
    this.checkedRefs++;
    const shown = u.pathname + u.search + u.hash;
    if (!u.pathname.startsWith(this.basePath)) {
      return this.fail(page, `${what} → ${shown}: points outside the base path ${this.basePath}`);
    }
    const target = this.origin + u.pathname + u.search;
    if (target === fromURL.split('#')[0] && this.idsByPath.has(u.pathname)) {
      // A reference into the page itself (a skip link, say): check the id
      // without fetching, since the page may be the 404 page at a missing URL.
      const id = safeDecode(u.hash.slice(1));
      if (id && !this.idsByPath.get(u.pathname).has(id)) this.fail(page, `${what}: no element with id "${id}" on this page`);
      return null;
    }
    let res;
    try {
      res = await this.get(target);
    } catch (e) {
      return this.fail(page, `${what} → ${shown}: fetch failed: ${e.message}`);
    }
    if (res.status !== 200) {
      const why = res.status === 404 ? '404 Not Found (the host serves its 404 page)' : `status ${res.status}`;
      return this.fail(page, `${what} → ${u.pathname}${u.search}: ${why}`);
    }
    const frag = u.hash.slice(1);
    if (frag && /text\/html/.test(res.type)) {
      const id = safeDecode(frag);
      const ids = await this.idsOf(u.pathname, res);
      if (!ids.has(id)) return this.fail(page, `${what} → ${shown}: no element with id "${id}" on ${u.pathname}`);
    }
    return res;
  }

  async idsOf(urlPath, res) {
    if (this.idsByPath.has(urlPath)) return this.idsByPath.get(urlPath);
    // A page the browser did not visit: read its ids from the markup.
    const ids = new Set();
    for (const m of res.body.toString('utf8').matchAll(/\s(?:id|name)=(?:"([^"]*)"|'([^']*)'|([^\s>"']+))/g)) {
      ids.add(decodeEntities(m[1] ?? m[2] ?? m[3]));
    }
    this.idsByPath.set(urlPath, ids);
    return ids;
  }

  /** References in a non-HTML resource: feeds, the sitemap, robots.txt, CSS. */
  async checkResource(urlPath, seen = new Set()) {
    if (seen.has(urlPath)) return;
    seen.add(urlPath);
    const res = await this.checkRef(urlPath, this.origin + urlPath, this.origin + urlPath, `${urlPath}`);
    if (!res) return;
    const text = res.body.toString('utf8');
    const from = this.origin + urlPath;
    const refs = [];
    if (/xml/.test(res.type)) {
      for (const m of text.matchAll(/<(loc|id|icon|logo|uri)>\s*([^<\s]+)\s*<\/\1>/g)) {
        if (/^https?:/.test(m[2])) refs.push([`<${m[1]}>`, decodeEntities(m[2])]);
      }
      for (const m of text.matchAll(/<link\b[^>]*\bhref="([^"]*)"/g)) refs.push(['<link href>', decodeEntities(m[1])]);
    } else if (/text\/plain/.test(res.type)) {
      for (const m of text.matchAll(/^\s*sitemap:\s*(\S+)/gim)) refs.push(['Sitemap:', m[1]]);
    } else if (/text\/css/.test(res.type)) {
      for (const m of text.matchAll(/url\(\s*(?:"([^"]*)"|'([^']*)'|([^)'"\s]*))\s*\)|@import\s+(?:"([^"]*)"|'([^']*)')/g)) {
        refs.push(['url()', m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]]);
      }
    }
    for (const [what, ref] of refs) {
      const r = await this.checkRef(urlPath, from, ref, `${what} ${ref}`);
      if (r) {
        const u = new URL(ref, from);
        if (/xml|text\/plain|text\/css/.test(r.type)) await this.checkResource(u.pathname, seen);
      }
    }
  }
}

function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function decodeEntities(s) {
  return s.replace(/&(amp|lt|gt|quot|apos|#39|#x27);/g, (m, e) =>
    ({ amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", '#39': "'", '#x27': "'" })[e]);
}

/**
 * Runs the link gate. pages: Map(url path → {refs, loads, status, styled}),
 * from the browser; notFoundPath: the missing deep URL; root: the build.
 * Resolves to { checked (pages), refs (internal references checked),
 * external (count), failures }.
 */
async function linkGate({ origin, siteOrigin, basePath, root, pages, notFoundPath }) {
  const idsByPath = new Map([...pages].filter(([, p]) => p.ids).map(([p, rec]) => [p, new Set(rec.ids)]));
  const lc = new LinkChecker({ origin, siteOrigin, basePath, idsByPath });

  for (const [p, rec] of pages) {
    if (rec.error) {
      lc.fail(p, `could not load the page: ${rec.error}`);
      continue;
    }
    const wantStatus = p === notFoundPath ? 404 : 200;
    if (rec.status !== wantStatus) lc.fail(p, `served with status ${rec.status}, want ${wantStatus}`);
    if (!rec.styled) lc.fail(p, 'rendered without its stylesheet');
    for (const l of rec.loads || []) lc.fail(p, `the browser could not load ${l}`);
    await Promise.all((rec.refs || []).map((r) =>
      lc.checkRef(p, origin + p, r.value, `<${r.tag} ${r.attr}="${r.value}">`)));
  }

  // What a browser does not follow: feeds, sitemap, robots.txt, stylesheets.
  const seen = new Set();
  for (const start of ['robots.txt', 'sitemap.xml', 'feed.xml']) {
    if (fs.existsSync(path.join(root, start))) await lc.checkResource(basePath + start, seen);
  }
  for (const url of [...lc.fetched.keys()]) {
    const res = await lc.fetched.get(url).catch(() => null);
    const u = new URL(url);
    if (res && res.status === 200 && /xml|text\/css/.test(res.type)) await lc.checkResource(u.pathname, seen);
  }

  // A missing deep URL gets the 404 page, byte for byte, with status 404.
  const res = await lc.get(origin + notFoundPath);
  const want = fs.readFileSync(path.join(root, '404.html'));
  if (res.status !== 404) lc.fail(notFoundPath, `a missing URL answered ${res.status}, want 404`);
  else if (!res.body.equals(want)) lc.fail(notFoundPath, 'a missing URL was not answered with 404.html');

  return { checked: pages.size, refs: lc.checkedRefs, external: lc.external.size, failures: lc.failures };
}

module.exports = { linkGate };
