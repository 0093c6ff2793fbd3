'use strict';
// One TypeScript transform for the CLI's require hook and for jest: esbuild strips types
// (no type-check: `tsc` does that once, in `npm test`) and turns ES modules into CommonJS.
const esbuild = require('esbuild');

/** @param {string} source @param {string} filename */
function transformTs(source, filename) {
  const out = esbuild.transformSync(source, {
    loader: filename.endsWith('.tsx') ? 'tsx' : filename.endsWith('.ts') ? 'ts' : 'js',
    // ES-module-only packages use import.meta.url; CommonJS has __filename.
    define: { 'import.meta.url': '__claimkitImportMetaUrl' },
    banner: /\bimport\.meta\.url\b/.test(source) ? 'var __claimkitImportMetaUrl = require("node:url").pathToFileURL(__filename).href;' : '',
    format: 'cjs',
    target: 'node20',
    platform: 'node',
    sourcemap: 'inline',
    // jest runs CommonJS without vm modules: turn import() into require() as well.
    supported: { 'dynamic-import': false },
    sourcefile: filename,
  });
  return out.code;
}

module.exports = { transformTs };
