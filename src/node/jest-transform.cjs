'use strict';
const crypto = require('node:crypto');
const fs = require('node:fs');
const path = require('node:path');
const esbuild = require('esbuild');
const { transformTs } = require('./esbuild-transform.cjs');

// jest caches transformed files; the key must change when the transform itself changes.
const transformVersion = crypto
  .createHash('sha256')
  .update(fs.readFileSync(require.resolve('./esbuild-transform.cjs')))
  .update(esbuild.version)
  .digest('hex');

const isYaml = (filename) => /\.ya?ml$/.test(filename);
// An ES module: `import`/`export` statements at the start of a line (CommonJS files have none).
const isEsm = (source) => /^\s*(import\s*[\w*{'"]|export\s+(\*|\{|default|const|let|var|function|class|async))/m.test(source);

module.exports = {
  process(source, filename) {
    if (isYaml(filename)) return { code: require('./yaml-module.cjs').claimsModule(filename) };
    if (/\.m?js$/.test(filename) && !filename.endsWith('.mjs') && !isEsm(source)) return { code: source };
    return { code: transformTs(source, filename) };
  },
  getCacheKey(source, filename) {
    const hash = crypto.createHash('sha256').update(transformVersion).update(filename).update('\0').update(source);
    if (isYaml(filename)) {
      // claims.yaml is validated against tenant.yaml and resolved with the environment's keywords.
      const tenant = path.join(path.dirname(filename), 'tenant.yaml');
      hash.update(fs.existsSync(tenant) ? fs.readFileSync(tenant) : '').update(process.env.AUTH0_KEYWORD_REPLACE_MAPPINGS ?? '');
      hash.update(fs.readFileSync(require.resolve('./yaml-module.cjs')));
    }
    return hash.digest('hex');
  },
};
