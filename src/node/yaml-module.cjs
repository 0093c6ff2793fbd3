'use strict';
// `import config from '../claims.yaml'` outside a bundle (jest, the CLI's require hook): the validated
// configuration with keywords resolved for local runs. The bundler embeds it with keywords kept.
const { register } = require('./register.cjs');

function claimsModule(filename) {
  register();
  return require('../claims/project.ts').claimsModuleSource(filename, process.env, false);
}

module.exports = { claimsModule };
