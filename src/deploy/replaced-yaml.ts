// tenant.yaml as a deploy sends it: keywords replaced in its text (as auth0-deploy-cli does), then read
// within the same bounds as the file itself. A keyword's value is part of the input: a `##KEY##` value
// is put in as it is, so it can break the YAML, and an `@@KEY@@` value can nest deeply or hold an unsafe
// key. Each is reported at the line of tenant.yaml that uses the keyword, never as a tenant's error.
import { keywordsIn, replaceKeywords, type KeywordMappings } from '../claims/keywords.ts';
import { ClaimkitError, isClaimkitError } from '../errors.ts';
import { INPUT_LIMITS } from '../project/input-limits.ts';
import { parseYamlText } from '../project/yaml-file.ts';

/** The line of the original text that produced line `line` (1-based) of the replaced text. */
function originalLine(replacedLines: readonly string[], line: number): number {
  let seen = 0;
  for (let i = 0; i < replacedLines.length; i++) {
    seen += (replacedLines[i] as string).split('\n').length;
    if (line <= seen) return i + 1;
  }
  return replacedLines.length;
}

/** tenant.yaml's data once its keywords are replaced; ERR_TENANT_YAML_INVALID / ERR_INPUT_* at the line that uses them. */
export function parseReplacedTenantYaml(text: string, mappings: KeywordMappings, file: string): unknown {
  // Keywords never span lines, so replacing line by line is the same replacement and keeps the line map.
  const lines = text.split('\n');
  const replacedLines = lines.map((l) => replaceKeywords(l, mappings));
  const replaced = replacedLines.join('\n');
  if (replaced === text) return parseYamlText(text, file, 'ERR_TENANT_YAML_INVALID', INPUT_LIMITS.tenantYaml).data;
  try {
    return parseYamlText(replaced, file, 'ERR_TENANT_YAML_INVALID', INPUT_LIMITS.tenantYaml).data;
  } catch (err) {
    if (!isClaimkitError(err)) throw err;
    const line = err.location?.line === undefined ? undefined : originalLine(replacedLines, err.location.line);
    const used = line === undefined ? [] : [...new Set(keywordsIn(lines[line - 1] ?? ''))].filter((k) => Object.hasOwn(mappings, k));
    const which = used.length > 0 ? ` This line uses ${used.map((k) => `"${k}"`).join(', ')}: check ${used.length > 1 ? 'their values' : 'its value'}.` : '';
    throw new ClaimkitError(
      err.code,
      `Once its keywords are replaced (AUTH0_KEYWORD_REPLACE_MAPPINGS, claims.yaml keywords:), tenant.yaml is no longer what a deploy can read: ${err.detail}${which} A ##KEY## value goes in as it is: quote the place that uses it ('##KEY##'), or use @@KEY@@ for a JSON value. Nothing was sent.`,
      { cause: err, location: { file, ...(line === undefined ? {} : { line }) } },
    );
  }
}
