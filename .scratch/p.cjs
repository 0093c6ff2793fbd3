const { Parser } = require('yaml');
const n = 200000;
const texts = {
  flow: 'a: ' + '['.repeat(n) + ']'.repeat(n),
  block: 'a:\n' + Array.from({ length: 3000 }, (_, i) => ' '.repeat(i + 1) + '- ').join('\n') + 'x',
  dash: 'a:\n  ' + '- '.repeat(n) + 'x',
  map: Array.from({ length: 3000 }, (_, i) => ' '.repeat(i) + 'k:').join('\n') + ' x',
};
for (const [k, t] of Object.entries(texts)) {
  const t0 = Date.now();
  try { let c = 0; for (const tok of new Parser().parse(t)) c++; console.log(k, 'ok', Date.now() - t0); } catch (e) { console.log(k, e.message); }
}
