'use strict';
// Entry of a tenant started in the background by `claimkit tenant start`: the same command, in the
// foreground, in a detached process (independent of bin/ so it also runs from tests).
require('../../node/register.cjs').register();
// Started by startBackground with --log-output first: its output is tenant.log, so every write is
// redacted (no secret reaches the log, whatever is printed). Tests run it in the foreground without.
const args = process.argv.slice(2);
if (args[0] === '--log-output') {
  args.shift();
  require('./redact.ts').redactProcessOutput();
}
const { tenantCommand } = require('../../cli/commands/tenant.ts');
const { processIo } = require('../../cli/io.ts');

tenantCommand(args, processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`claimkit tenant: internal error: ${err && err.stack ? err.stack : err}\n`);
    process.exitCode = 1;
  },
);
