// --keyword: a value becomes auth0-deploy-cli's placeholder where the project holds it, in a way a
// deploy's replacement undoes exactly; bad arguments are refused with what to write instead.
import { replaceKeywords } from '../../src/claims/keywords.ts';
import { keywordMappings, keywordsInCode, keywordsInData, KeywordUse, parseKeywords } from '../../src/pull/keywords.ts';

test('bad --keyword arguments are refused with the form to use', () => {
  for (const arg of ['no-equals', 'BAD-NAME=x', 'EMPTY=', 'LIST=[1,']) {
    expect(() => parseKeywords([arg])).toThrow(expect.objectContaining({ code: 'ERR_PULL_KEYWORD', message: expect.stringContaining('--keyword NAME=value') }));
  }
  expect(() => parseKeywords(['A=x', 'A=y'])).toThrow(expect.objectContaining({ code: 'ERR_PULL_KEYWORD', message: expect.stringContaining('A is given twice') }));
});

test('tenant.yaml values: text anywhere in strings, a JSON value where the value is exactly it', () => {
  const keywords = parseKeywords(['NS=https://claims.example.com/', 'CALLBACKS=["https://a.example.com/cb"]']);
  const use = new KeywordUse();
  const data = { name: 'SPA', callbacks: ['https://a.example.com/cb'], description: 'see https://claims.example.com/roles', https: 1 };
  const out = keywordsInData(data, keywords, use);
  expect(out).toEqual({ name: 'SPA', callbacks: '@@CALLBACKS@@', description: 'see ##NS##roles', https: 1 });
  expect(Object.fromEntries(use.counts)).toEqual({ NS: 1, CALLBACKS: 1 });
});

test('Action code: only string literals and template texts change, so the file still parses and replaces back', () => {
  const keywords = parseKeywords(['TIER=gold']);
  const code = 'const gold = "gold";\nexports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim(`x/${gold}`, `tier:gold`); /* gold */ };';
  const use = new KeywordUse();
  const { code: out, ok } = keywordsInCode(code, keywords, use);
  expect(ok).toBe(true);
  expect(out).toBe('const gold = "##TIER##";\nexports.onExecutePostLogin = async (e, api) => { api.idToken.setCustomClaim(`x/${gold}`, `tier:##TIER##`); /* gold */ };');
  expect(replaceKeywords(out, keywordMappings(keywords))).toBe(code);
  expect(keywordsInCode('exports.x = "gold" +', keywords, new KeywordUse()).ok).toBe(true); // tokens read; a syntax error is the build's to report
  expect(keywordsInCode('exports.x = "gold', keywords, new KeywordUse())).toEqual({ code: 'exports.x = "gold', ok: false });
});

test('longer values are replaced first, so a value holding another is replaced whole', () => {
  const keywords = parseKeywords(['HOST=example.com', 'URL=https://api.example.com']);
  expect(keywordsInData('https://api.example.com/v1 and example.com', keywords, new KeywordUse())).toBe('##URL##/v1 and ##HOST##');
});
