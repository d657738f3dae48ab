/**
 * How OpenAlgo's Flask stack puts an answer on the wire. Resources that return `jsonify(...)` get keys
 * sorted and compact separators; resources that return a plain dict go through Flask-RESTX, which keeps
 * insertion order and Python's default `", "`/`": "` separators. Both escape non-ASCII and end in `\n`.
 * Also the framework's own answers: the app's JSON 404 under `/api/`, the React shell elsewhere, and
 * Flask-RESTX's 405 and 500 bodies.
 */
export type JsonReply = readonly [number, Record<string, unknown>];
/** A non-JSON answer (CSV, text, HTML) or one that must keep its exact bytes. */
export interface RawReply {
  readonly raw: true;
  readonly status: number;
  readonly body: string;
  readonly headers: Readonly<Record<string, string>>;
}
export type Reply = JsonReply | RawReply;

export type JsonStyle = 'jsonify' | 'restx';

function asciiOnly(text: string): string {
  return text.replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/** Python's `json.dumps` with its default separators. */
function spacedJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(spacedJson).join(', ')}]`;
  if (value && typeof value === 'object') {
    const parts = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => `${JSON.stringify(k)}: ${spacedJson(v)}`);
    return `{${parts.join(', ')}}`;
  }
  return JSON.stringify(value ?? null);
}

export function serialize(style: JsonStyle, body: unknown): string {
  return `${asciiOnly(style === 'jsonify' ? JSON.stringify(sortKeys(body)) : spacedJson(body))}\n`;
}

export const JSON_HEADERS = { 'content-type': 'application/json' } as const;

export function rawReply(status: number, body: string, contentType: string, headers: Record<string, string> = {}): RawReply {
  return { raw: true, status, body, headers: { 'content-type': contentType, ...headers } };
}

export function jsonRaw(status: number, style: JsonStyle, body: unknown, headers: Record<string, string> = {}): RawReply {
  return rawReply(status, serialize(style, body), 'application/json', headers);
}

/** `app.py` `not_found_error`: JSON under `/api/`, plain text for asset-like paths, the React shell elsewhere. */
export function notFound(path: string): RawReply {
  if (path.startsWith('/api/')) return jsonRaw(404, 'jsonify', { status: 'error', message: 'Not found', path });
  const last = path.split('/').at(-1) ?? '';
  if (path.startsWith('/assets/') || path.startsWith('/static/') || last.includes('.')) return rawReply(404, 'Not Found', 'text/html; charset=utf-8');
  return rawReply(404, REACT_SHELL, 'text/html; charset=utf-8');
}

/** The simulator has no web UI; OpenAlgo would serve its React app's index.html here. */
const REACT_SHELL = '<!doctype html>\n<html lang="en"><head><meta charset="UTF-8"><title>OpenAlgo</title></head><body><div id="root"></div></body></html>';

/** Flask-RESTX answering a wrong method on one of its routes (`Allow` lists the right ones). */
export function methodNotAllowed(allowed: readonly string[]): RawReply {
  return jsonRaw(405, 'restx', { message: 'The method is not allowed for the requested URL.' }, { allow: allowed.join(', ') });
}

/** Flask-RESTX's answer to an exception that escaped a resource (production: no traceback). */
export const RESTX_INTERNAL_ERROR: RawReply = jsonRaw(500, 'restx', { message: 'Internal Server Error' });

/** Flask's automatic OPTIONS answer. */
export function optionsReply(allowed: readonly string[]): RawReply {
  return { raw: true, status: 200, body: '', headers: { 'content-type': 'text/html; charset=utf-8', allow: allowed.join(', ') } };
}
