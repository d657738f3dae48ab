/**
 * OpenAlgo serialises pandas frames with Python's json, which writes a missing value as a bare `NaN`
 * (or `Infinity`): not JSON, so `JSON.parse` rejects the whole answer. Those tokens, outside strings, are
 * read as `null`, which the schemas then treat as "absent". Anything else that is not JSON stays undefined.
 */
export function parseJsonLenient(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    if (!/NaN|Infinity/.test(text)) return undefined;
    try {
      return JSON.parse(replaceNonFinite(text));
    } catch {
      return undefined;
    }
  }
}

const TOKENS = ['-Infinity', 'Infinity', 'NaN'] as const;

function replaceNonFinite(text: string): string {
  let out = '';
  let inString = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (inString) {
      out += c;
      if (c === '\\') out += text[++i] ?? '';
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') {
      inString = true;
      out += c;
      continue;
    }
    const token = TOKENS.find((t) => text.startsWith(t, i));
    if (token) {
      out += 'null';
      i += token.length - 1;
      continue;
    }
    out += c;
  }
  return out;
}
