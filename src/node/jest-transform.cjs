'use strict';
const { transformTs } = require('./esbuild-transform.cjs');

module.exports = {
  process(source, filename) {
    return { code: transformTs(source, filename) };
  },
};
