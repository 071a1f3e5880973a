// A loopback static server that serves a built site the way a static host
// does when the site is uploaded under a subpath: files are mounted under the
// base path, a folder serves its index.html, and anything missing gets the
// site's 404.html with status 404, at any depth.
'use strict';

const fs = require('fs');
const http = require('http');
const path = require('path');

const TYPES = {
  '.html': 'text/html; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.json': 'application/json',
  '.xml': 'application/xml',
  '.txt': 'text/plain; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.avif': 'image/avif',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.pdf': 'application/pdf',
};

/**
 * Serves root under basePath ("/casebook/") on 127.0.0.1 and an ephemeral
 * port. Resolves to { origin, close() }.
 *
 * A folder URL without its trailing slash is not redirected: the site must
 * link to the canonical address, as some bucket hosts do not redirect either.
 */
function serveSite(root, basePath) {
  root = path.resolve(root);
  const notFoundPage = path.join(root, '404.html');

  function send(res, req, status, file) {
    const type = TYPES[path.extname(file).toLowerCase()] || 'application/octet-stream';
    res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store' });
    if (req.method === 'HEAD') return res.end();
    fs.createReadStream(file).pipe(res);
  }

  function notFound(req, res) {
    if (fs.existsSync(notFoundPage)) return send(res, req, 404, notFoundPage);
    res.writeHead(404, { 'content-type': 'text/plain' });
    res.end('404 (the site has no 404.html)\n');
  }

  const server = http.createServer((req, res) => {
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405);
      return res.end();
    }
    let urlPath;
    try {
      urlPath = decodeURIComponent(new URL(req.url, 'http://loopback').pathname);
    } catch {
      res.writeHead(400);
      return res.end();
    }
    if (!urlPath.startsWith(basePath) || urlPath.includes('\0')) return notFound(req, res);
    let file = path.join(root, urlPath.slice(basePath.length));
    if (file !== root && !file.startsWith(root + path.sep)) return notFound(req, res);
    if (urlPath.endsWith('/')) file = path.join(file, 'index.html');
    let stat;
    try {
      stat = fs.statSync(file);
    } catch {
      return notFound(req, res);
    }
    if (!stat.isFile()) return notFound(req, res);
    send(res, req, 200, file);
  });

  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      resolve({
        origin: `http://127.0.0.1:${server.address().port}`,
        close: () => new Promise((done) => {
          server.closeAllConnections?.();
          server.close(() => done());
        }),
      });
    });
  });
}

module.exports = { serveSite };
