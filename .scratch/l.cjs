const { Lexer, Parser } = require('yaml');
const n = 2000000;
const t = 'a: ' + '['.repeat(n) + ']'.repeat(n);
let t0 = Date.now(); let depth = 0, max = 0, c = 0;
for (const tok of new Lexer().lex(t)) { c++; if (tok === '[' || tok === '{') { depth++; if (depth > 64) break; } else if (tok === ']' || tok === '}') depth--; }
console.log('lex', depth, c, Date.now() - t0);
const b = 'a:\n' + Array.from({ length: 2800 }, (_, i) => ' '.repeat(i + 1) + '- ').join('\n') + 'x';
t0 = Date.now(); c = 0; for (const tok of new Parser().parse(b)) c++; console.log('parse block 4MB', b.length, Date.now() - t0);
const d = 'a:\n  ' + '- '.repeat(2000000) + 'x';
t0 = Date.now(); c = 0; for (const tok of new Parser().parse(d)) c++; console.log('parse dash 4MB', Date.now() - t0);
