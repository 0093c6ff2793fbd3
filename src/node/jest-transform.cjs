'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const esbuild = require('esbuild');
const { transformTs } = require('./esbuild-transform.cjs');

// jest caches transformed files; the key must change when the transform itself changes.
const transformVersion = crypto
  .createHash('sha256')
  .update(fs.readFileSync(require.resolve('./esbuild-transform.cjs')))
  .update(esbuild.version)
  .digest('hex');

module.exports = {
  process(source, filename) {
    return { code: transformTs(source, filename) };
  },
  getCacheKey(source, filename) {
    return crypto.createHash('sha256').update(transformVersion).update(filename).update('\0').update(source).digest('hex');
  },
};
