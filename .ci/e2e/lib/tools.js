// What the browser checks need on the machine, and how a check script
// reports a missing tool: skipped outside CI, failed with CI=true.
'use strict';

const fs = require('fs');

function isExecutable(file) {
  try {
    fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Says what is missing to drive Chromium at chromiumPath with the npm
 * packages modules, or '' when nothing is.
 */
function missingTools(chromiumPath, modules) {
  if (!isExecutable(chromiumPath)) {
    return `Chromium was not found at ${chromiumPath}; install it with: sudo apt-get install -y chromium (or set CHROMIUM=/path/to/chromium)`;
  }
  try {
    for (const m of modules) require.resolve(m);
  } catch {
    return `${modules.join(' or ')} is not installed; run: (cd .ci/e2e && npm ci)`;
  }
  return '';
}

/**
 * Reports a check script (name) that cannot run because of missing, and
 * returns its exit code: a failure in CI, else planned checks skipped.
 */
function reportMissing(name, missing, inCI, planned) {
  if (inCI) {
    console.log(`FAIL ${name}: ${missing}`);
    console.log(`${name}: 0 passed, 1 failed`);
    return 1;
  }
  console.log(`SKIP ${name}: ${missing}`);
  console.log(`${name}: 0 passed, 0 failed, ${planned} skipped`);
  return 0;
}

module.exports = { isExecutable, missingTools, reportMissing };
