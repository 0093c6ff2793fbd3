'use strict';
// Lets Node 20 require claimkit's TypeScript sources (and ES-module-only packages such as jose)
// by compiling them with esbuild on the fly.
const fs = require('node:fs');
const Module = require('node:module');
const { transformTs } = require('./esbuild-transform.cjs');

let installed = false;
function register() {
  if (installed) return;
  installed = true;
  Module._extensions['.ts'] = function loadTs(module, filename) {
    module._compile(transformTs(fs.readFileSync(filename, 'utf8'), filename), filename);
  };
  Module._extensions['.yaml'] = function loadYaml(module, filename) {
    module._compile(require('./yaml-module.cjs').claimsModule(filename), filename);
  };
}

module.exports = { register };
