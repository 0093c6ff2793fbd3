'use strict';
// The benchmark's comparison point: @simulacrum/auth0-simulator (a dev-only dependency) in its own
// process, with one legacy Rule (rules/add-claims.js). Runs from a folder holding rules/ and, under
// HOME, the HTTPS certificate the simulator insists on (~/.simulacrum/certs). Prints {"port"} once it
// listens. The simulator logs each Rule run with console.debug; that output is dropped here, so that
// the benchmark measures logins, not a terminal.
console.debug = () => {};
const { simulation } = require('@simulacrum/auth0-simulator');

const users = JSON.parse(process.env.SIM_USERS || '[]');
simulation({
  initialState: { users },
  options: {
    clientID: process.env.SIM_CLIENT_ID,
    audience: process.env.SIM_AUDIENCE,
    scope: process.env.SIM_SCOPE,
    rulesDirectory: 'rules',
    port: Number(process.env.SIM_PORT),
  },
})
  .listen(Number(process.env.SIM_PORT))
  .then((s) => process.stdout.write(`${JSON.stringify({ port: s.port })}\n`));
