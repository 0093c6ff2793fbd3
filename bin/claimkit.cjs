#!/usr/bin/env node
'use strict';
require('../src/node/register.cjs').register();

// The one place that exits. Once the command has returned, nothing it started may keep running (for
// example auth0-deploy-cli's build-retry loops after a failed import): output is flushed, then exit.
function exit(code) {
  process.stdout.write('', () => process.stderr.write('', () => process.exit(code)));
}

require('../src/cli/main.ts').main(process.argv.slice(2)).then(exit, (err) => {
  process.stderr.write(`claimkit: internal error: ${err && err.stack ? err.stack : err}\n`);
  exit(1);
});
