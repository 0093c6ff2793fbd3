import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { isClaimkitError, type ClaimkitError } from '../../src/errors.ts';
import { MAX_INPUT_DEPTH } from '../../src/project/input-limits.ts';
import { readJsonFile } from '../../src/project/json-file.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ck-json-'));
const LIMIT = { what: 'The test file', maxBytes: 64 * 1024 };
let n = 0;
function file(text: string): string {
  const f = path.join(dir, `${n++}.json`);
  fs.writeFileSync(f, text);
  return f;
}

function thrown(fn: () => unknown): ClaimkitError {
  try {
    fn();
  } catch (err) {
    if (isClaimkitError(err)) return err;
    throw err;
  }
  throw new Error('expected a ClaimkitError');
}

describe('JSON inputs are bounded', () => {
  test('a file over the limit is refused, naming the limit', () => {
    const err = thrown(() => readJsonFile(file(`{"a":"${'x'.repeat(LIMIT.maxBytes)}"}`), LIMIT));
    expect(err.code).toBe('ERR_INPUT_TOO_LARGE');
    expect(err.message).toContain(`The test file is larger than ${LIMIT.maxBytes} bytes`);
  });

  test('a device that never ends (/dev/zero) is read only up to the limit', () => {
    expect(thrown(() => readJsonFile('/dev/zero', LIMIT)).code).toBe('ERR_INPUT_TOO_LARGE');
  });

  test('deep nesting is refused, far past the limit and just past it', () => {
    expect(thrown(() => readJsonFile(file(`${'['.repeat(30_000)}${']'.repeat(30_000)}`), LIMIT)).code).toBe('ERR_INPUT_TOO_LARGE');
    const justTooDeep = `${'{"a":'.repeat(MAX_INPUT_DEPTH + 1)}1${'}'.repeat(MAX_INPUT_DEPTH + 1)}`;
    expect(thrown(() => readJsonFile(file(justTooDeep), LIMIT)).code).toBe('ERR_INPUT_TOO_LARGE');
    const deepEnough = `${'{"a":'.repeat(MAX_INPUT_DEPTH)}1${'}'.repeat(MAX_INPUT_DEPTH)}`;
    expect(readJsonFile(file(deepEnough), LIMIT).value).toBeDefined();
  });

  test.each(['__proto__', 'constructor', 'prototype'])('a "%s" key anywhere is refused at file:line:column', (key) => {
    const f = file(`{\n  "user": {\n    "app_metadata": { "${key}": { "isAdmin": true } }\n  }\n}\n`);
    const err = thrown(() => readJsonFile(f, LIMIT));
    expect(err.code).toBe('ERR_INPUT_UNSAFE_KEY');
    expect(err.location).toEqual({ file: f, line: 3, column: 23 });
    expect(err.message).toContain(`$.user.app_metadata.${key}`);
    expect(({} as Record<string, unknown>)['isAdmin']).toBeUndefined();
  });

  test.each([
    ['an unexpected token', '{\n  "user": {},\n  "x": }\n', { line: 3, column: 8 }],
    ['a list with a trailing comma', '{\n  "a": [1,\n  ]\n}', { line: 3, column: 3 }],
    ['a misspelt literal', '{"a":tru}', { line: 1, column: 9 }],
    ['a file that ends inside a literal', '{\n  "a": tru', { line: 2, column: 11 }],
  ])('invalid JSON (%s, where Node names no position) is reported at its file:line:column', (_what, text, at) => {
    const f = file(text);
    const err = thrown(() => readJsonFile(f, LIMIT));
    expect(err.code).toBe('ERR_JSON_INVALID');
    expect(err.location).toEqual({ file: f, ...at });
  });

  test('a file that starts with a UTF-8 byte order mark (as Windows editors save) is read', () => {
    expect(readJsonFile(file('\uFEFF{"user": {"email": "a@example.com"}}'), LIMIT).value).toEqual({ user: { email: 'a@example.com' } });
  });

  test('invalid JSON keeps its file:line:column', () => {
    const err = thrown(() => readJsonFile(file('{\n  "a": 1,\n}\n'), LIMIT));
    expect(err.code).toBe('ERR_JSON_INVALID');
    expect(err.location).toEqual(expect.objectContaining({ line: 3 }));
  });
});
