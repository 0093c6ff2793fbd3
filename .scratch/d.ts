import { yamlNestingBound } from '../src/project/yaml-depth.ts';
const cases: Record<string, string> = {
  flow: 'a: ' + '['.repeat(2_000_000) + ']'.repeat(2_000_000),
  block: 'a:\n' + Array.from({ length: 2800 }, (_, i) => ' '.repeat(i + 1) + '- ').join('\n') + 'x',
  dash: 'a:\n  ' + '- '.repeat(2_000_000) + 'x',
  normal: require('node:fs').readFileSync('tenant.yaml', 'utf8'),
  claims: require('node:fs').readFileSync('claims.yaml', 'utf8'),
  wide: 'a:\n' + '  - { x: 1, y: [1, 2] }\n'.repeat(150000),
};
for (const [k, t] of Object.entries(cases)) { const t0 = Date.now(); console.log(k, t.length, yamlNestingBound(t, 128), Date.now() - t0); }
