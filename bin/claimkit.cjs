#!/usr/bin/env node
'use strict';
require('../src/node/register.cjs').register();
require('../src/cli/main.ts').main(process.argv.slice(2)).then(
  (code) => { process.exitCode = code; },
  (err) => { process.stderr.write(`claimkit: internal error: ${err && err.stack ? err.stack : err}\n`); process.exitCode = 1; },
);
