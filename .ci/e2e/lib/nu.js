// Gate 1: the Nu HTML Checker (vnu.jar from npm's vnu-jar, run with the
// machine's Java) over every HTML page, the stylesheets and the SVG files.
//
// Errors fail the gate. Warnings are printed and do not fail it. No message
// is filtered out.
'use strict';

const { execFile } = require('child_process');
const path = require('path');
const { urlPathOf } = require('./site');

function vnuJar() {
  // vnu-jar's main module is the jar's path (a String object).
  return String(require('vnu-jar'));
}

/** Runs vnu over the files (relative to root); resolves to its messages. */
function runVnu(java, root, files) {
  const args = ['-jar', vnuJar(), '--format', 'json', '--stdout', '--also-check-css', '--also-check-svg',
    ...files.map((f) => path.join(root, f))];
  return new Promise((resolve, reject) => {
    execFile(java, args, { maxBuffer: 64 << 20 }, (err, stdout, stderr) => {
      // vnu exits 1 when it found errors; its report is still on stdout.
      let report;
      try {
        report = JSON.parse(stdout);
      } catch {
        return reject(new Error(`vnu gave no report (${err ? err.message : 'no output'}): ${stderr}`));
      }
      resolve(report.messages || []);
    });
  });
}

function describe(m) {
  let where = '';
  if (m.extract) {
    const ex = m.extract.replace(/\s+/g, ' ');
    const start = m.hiliteStart ?? 0;
    const len = m.hiliteLength ?? 0;
    where = ` at “${ex.slice(0, start)}⟦${ex.slice(start, start + len)}⟧${ex.slice(start + len)}”`;
  }
  const line = m.lastLine ? ` (line ${m.lastLine})` : '';
  return `${m.message}${line}${where}`;
}

/**
 * Checks files (HTML, CSS, SVG; slash paths relative to root). Resolves to
 * { checked, failures: [{page, msg}], warnings: [{page, msg}] }, pages named
 * by the URL they are served at.
 */
async function nuGate({ java, root, basePath, files }) {
  const messages = await runVnu(java, root, files);
  const failures = [];
  const warnings = [];
  for (const m of messages) {
    let page = '(vnu)';
    if (m.url && m.url.startsWith('file:')) {
      const rel = path.relative(root, decodeURIComponent(new URL(m.url).pathname)).split(path.sep).join('/');
      page = urlPathOf(basePath, rel);
    }
    const entry = { page, msg: describe(m) };
    if (m.type === 'error' || m.type === 'non-document-error') failures.push(entry);
    else if (m.type === 'info' && m.subType === 'warning') warnings.push(entry);
  }
  return { checked: files.length, failures, warnings };
}

module.exports = { nuGate };
