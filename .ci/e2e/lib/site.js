// The pages of a built site on disk, and the URLs a host serves them at.
'use strict';

const fs = require('fs');
const path = require('path');

/** The site's output files with the given extensions, as sorted slash paths. */
function siteFiles(root, exts) {
  const out = [];
  (function walk(dir) {
    for (const e of fs.readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, e.name);
      if (e.isDirectory()) walk(full);
      else if (e.isFile() && exts.includes(path.extname(e.name).toLowerCase())) {
        out.push(path.relative(root, full).split(path.sep).join('/'));
      }
    }
  })(root);
  return out.sort();
}

/** The URL path a host serves an output file at: themes/index.html → /base/themes/. */
function urlPathOf(basePath, file) {
  if (file === 'index.html') return basePath;
  if (file.endsWith('/index.html')) return basePath + file.slice(0, -'index.html'.length);
  return basePath + file;
}

/** The base path of a base URL, always ending in a slash. */
function basePathOf(baseURL) {
  const p = new URL(baseURL).pathname;
  return p.endsWith('/') ? p : p + '/';
}

module.exports = { siteFiles, urlPathOf, basePathOf };
