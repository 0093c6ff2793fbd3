'use strict';
// Entry of a tenant started in the background by `claimkit tenant start`: the same command, in the
// foreground, in a detached process (independent of bin/ so it also runs from tests).
require('../../node/register.cjs').register();
// Its output is tenant.log: every write is redacted (no secret reaches the log, whatever is printed).
require('./redact.ts').redactProcessOutput();
const { tenantCommand } = require('../../cli/commands/tenant.ts');
const { processIo } = require('../../cli/io.ts');

tenantCommand(process.argv.slice(2), processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`claimkit tenant: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
