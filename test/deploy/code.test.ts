// A deploy compares an Action's code as one program: formatting and comments are no change, anything
// that changes what the code does is one.
import { sameCode } from '../../src/deploy/resources/code.ts';

const BASE = 'const ns = "https://a/";\nexports.onExecutePostLogin = async (event, api) => {\n  api.idToken.setCustomClaim(ns + "x", 1);\n};\n';

test('formatting, quotes and comments are the same program', () => {
  expect(sameCode(BASE, "// a comment\nconst ns='https://a/';exports.onExecutePostLogin=async(event,api)=>{/* c */api.idToken.setCustomClaim(ns+'x',1)}", 'a')).toBe(true);
});

test('every change to what the code does is a change', () => {
  const changed = [
    BASE.replace('"x"', '"y"'),
    BASE.replace(', 1)', ', 2)'),
    BASE.replace('ns + "x"', '"x" + ns'),
    `"use strict";\n${BASE}`,
    BASE.replace('async (event, api)', 'async (e, api)'),
    BASE.replace('setCustomClaim', 'setCustomClaim?.'),
  ];
  for (const code of changed) expect({ code, same: sameCode(BASE, code, 'a') }).toEqual({ code, same: false });
});

test('code that does not parse is only equal to itself; a require of a file is compared like any other code', () => {
  const broken = 'exports.onExecutePostLogin = async () => { (';
  expect(sameCode(broken, broken, 'a')).toBe(true);
  expect(sameCode(broken, `${broken} `, 'a')).toBe(false);
  const relative = 'const h = require("./helper");\nexports.onExecutePostLogin = async () => h();';
  expect(sameCode(relative, relative.replace('\n', '\n\n'), 'a')).toBe(true);
  expect(sameCode(relative, relative.replace('./helper', './other'), 'a')).toBe(false);
});
