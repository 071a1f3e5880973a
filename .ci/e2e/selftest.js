#!/usr/bin/env node
// Shows that each quality gate fails, and says why, on a planted defect.
//
// Builds .ci/e2e/testdata/defects (a tiny casebook whose layouts/ and static/
// plant an image without alt text, a low-contrast colour, a box wider than a
// phone, a header whose search box is seen after the navigation but reached
// before it, broken links, relative links on the 404 page, an unclosed tag,
// content shown only by a script and a picture without a size),
// runs gates.js on it with a screenshot folder that cannot be written, and
// checks that every gate fails with a message naming its defect, and that no
// gate fails on a page without one.
//
// usage: node selftest.js   (CASEBOOK=/path/to/casebook to skip `go run`)
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const { spawnSync } = require('child_process');

const repo = path.resolve(__dirname, '..', '..');
const siteSrc = path.join(__dirname, 'testdata', 'defects');
const baseURL = 'https://example.org/casebook/';
const about = '/casebook/about/';

// What each gate must report: [gate, what the defect is, page, pattern].
const EXPECT = [
  ['html', 'the unclosed <div> is an HTML error', about, /Unclosed element “div”.*planted-unclosed/],
  ['html', 'the <img> without alt is an HTML error', about, /“img” element must have an “alt” attribute/],
  ['a11y', 'the image without alt fails axe at 1280 px', about, /^@1280px: axe image-alt .*favicon\.svg/],
  ['a11y', 'the image without alt fails axe at 375 px', about, /^@375px: axe image-alt .*favicon\.svg/],
  ['a11y', 'the low-contrast colour fails axe at 1280 px', about, /^@1280px: axe color-contrast .*planted-low-contrast.*#b4b4b4/],
  ['a11y', 'the low-contrast colour fails axe at 375 px', about, /^@375px: axe color-contrast .*planted-low-contrast/],
  ['a11y', 'the wide box overflows at 375 px', about, /^@375px: horizontal overflow.*div\.planted-wide/],
  ['a11y', 'the search box moved after the navigation is out of focus order at 1280 px', about, /^@1280px: focus order: in the header, Tab reaches input#cb-site-q before a\[href=".*"\] "Themes", which is seen first/],
  ['a11y', 'the search box moved after the navigation is out of focus order at 375 px', about, /^@375px: focus order: in the header, Tab reaches input#cb-site-q before a\[href=".*"\] "Themes", which is seen first/],
  ['links', 'the link to a missing page is broken', about, /no-such-page\/.*404 Not Found/],
  ['links', 'the link to a missing heading is broken', about, /#no-such-heading.*no element with id "no-such-heading"/],
  ['links', 'the link outside /casebook/ is refused', about, /\/elsewhere\/.*points outside the base path \/casebook\//],
  ['links', 'a relative link on the 404 page breaks at a deep URL', '/casebook/no/such/page/', /<a href="themes\/"> → \/casebook\/no\/such\/page\/themes\/: 404/],
  ['links', 'a relative image on the 404 page does not load at a deep URL', '/casebook/no/such/page/', /could not load 404 \S+\/casebook\/no\/such\/page\/favicon\.svg/],
  ['nojs', 'a resource whose content needs JavaScript shows no main content', '/casebook/resources/equity-tool/', /main content is not shown/],
  ['shots', 'screenshots that cannot be written fail', '(screenshots)', /cannot write screenshots to/],
  ['cls', 'a picture without a size moves the page at 1280 px', about, /^@1280px: layout shift 0\.\d*[1-9]/],
  ['cls', 'a picture without a size moves the page at 375 px', about, /^@375px: layout shift 0\.\d*[1-9]/],
];

// Pages allowed to fail each gate: only those carrying a planted defect.
const PLANTED = {
  html: [about],
  a11y: [about],
  links: [about, '/casebook/no/such/page/'],
  nojs: ['/casebook/resources/dossier-template/', '/casebook/resources/equity-tool/'],
  shots: ['(screenshots)'],
  cls: [about],
};

function run(cmd, args, opts = {}) {
  const r = spawnSync(cmd, args, { cwd: repo, encoding: 'utf8', maxBuffer: 64 << 20, ...opts });
  if (r.error) throw r.error;
  return r;
}

function main() {
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'casebook-selftest-'));
  try {
    return selftest(work);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

function selftest(work) {
  const out = path.join(work, 'public');
  const [cmd, pre] = process.env.CASEBOOK ? [process.env.CASEBOOK, []] : ['go', ['run', './cmd/casebook']];
  const built = run(cmd, [...pre, 'build', '--src', siteSrc, '--base-url', baseURL, '--out', out]);
  if (built.status !== 0) {
    console.log(`FAIL building ${path.relative(repo, siteSrc)}:\n${built.stdout}${built.stderr}`);
    console.log('selftest: 0 passed, 1 failed');
    return 1;
  }

  // A regular file where the screenshot folder should be: gate 5 must say so.
  const notAFolder = path.join(work, 'shots-is-a-file');
  fs.writeFileSync(notAFolder, '');
  const json = path.join(work, 'results.json');
  const gates = run(process.execPath, [path.join(__dirname, 'gates.js'), '--site', out, '--base-url', baseURL,
    '--shots', notAFolder, '--json', json]);
  console.log(`gates.js on ${path.relative(repo, siteSrc)} (exit ${gates.status}):`);
  console.log((gates.stdout + gates.stderr).trimEnd().split('\n').map((l) => '  | ' + l).join('\n'));

  let passed = 0;
  let failed = 0;
  let skipped = 0;
  const check = (ok, what, detail) => {
    if (ok) passed++;
    else failed++;
    console.log(`${ok ? 'ok  ' : 'FAIL'} ${what}${ok || !detail ? '' : `\n     ${detail}`}`);
  };

  if (!fs.existsSync(json)) {
    check(false, 'gates.js wrote its results', `exit ${gates.status}`);
    for (const [gate, r] of Object.entries(results)) {
    if (r.status === 'skipped') console.log(`skip ${gate}: ${r.notes.join('; ')}`);
  }
  console.log(`selftest: ${passed} passed, ${failed} failed`);
    return 1;
  }
  const results = JSON.parse(fs.readFileSync(json, 'utf8'));
  const ranAny = Object.values(results).some((r) => r.status !== 'skipped');
  if (ranAny) check(gates.status === 1, 'gates.js exits 1 on the defects', `exit ${gates.status}`);

  for (const [gate, what, page, pattern] of EXPECT) {
    const r = results[gate];
    if (r.status === 'skipped') {
      skipped++;
      continue;
    }
    const hit = r.failures.find((f) => f.page === page && pattern.test(f.msg));
    const seen = r.failures.map((f) => `${f.page}: ${f.msg}`).join('\n     ') || '(no failures)';
    check(r.status === 'failed' && hit, `${gate} fails: ${what}`, `want ${page} ${pattern}, got:\n     ${seen}`);
  }
  for (const [gate, pages] of Object.entries(PLANTED)) {
    const r = results[gate];
    if (r.status === 'skipped') continue;
    const stray = r.failures.filter((f) => !pages.includes(f.page));
    check(stray.length === 0, `${gate} fails only on pages with a planted defect`,
      stray.map((f) => `${f.page}: ${f.msg}`).join('\n     '));
  }

  console.log(`selftest: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  return failed ? 1 : 0;
}

try {
  process.exitCode = main();
} catch (e) {
  console.error(`selftest: ${e.stack || e.message}`);
  process.exitCode = 2;
}
