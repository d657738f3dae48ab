import { z } from 'zod';
import { ENDPOINTS } from '#openalgo/endpoints';

/**
 * Request validation with OpenAlgo's own error text: marshmallow messages rendered as the Python repr
 * of the error dict (`{'quantity': ['Missing data for required field.']}`), unknown keys rejected.
 */
const apikey = z.string().min(1).max(256);

const schemas = new Map<string, z.ZodType>(
  Object.values(ENDPOINTS).map((e) => [e.path, (e.request as unknown as z.ZodObject).extend({ apikey })]),
);

export function pythonRepr(errors: Map<string, string[]>): string {
  const parts = [...errors].map(([k, msgs]) => `'${k}': [${msgs.map((m) => `'${m.replaceAll("'", "\\'")}'`).join(', ')}]`);
  return `{${parts.join(', ')}}`;
}

export type Validated = { ok: true; body: Record<string, unknown> } | { ok: false; message: string };

export function validateRequest(path: string, json: unknown): Validated | undefined {
  const schema = schemas.get(path);
  if (!schema) return undefined;
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return { ok: false, message: pythonRepr(new Map([['_schema', ['Invalid input type.']]])) };
  const r = schema.safeParse(json);
  if (r.success) return { ok: true, body: r.data as Record<string, unknown> };
  const errors = new Map<string, string[]>();
  const add = (k: string, m: string): void => {
    errors.set(k, [...(errors.get(k) ?? []), m]);
  };
  for (const issue of r.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      for (const k of issue.keys) add(issue.path.length ? `${issue.path.join('.')}.${k}` : k, 'Unknown field.');
      continue;
    }
    const field = issue.path.length ? issue.path.join('.') : '_schema';
    const value = issue.path.reduce<unknown>((v, p) => (v && typeof v === 'object' ? (v as Record<PropertyKey, unknown>)[p as PropertyKey] : undefined), json);
    if (value === undefined && issue.code === 'invalid_type') add(field, 'Missing data for required field.');
    else if (issue.code === 'invalid_type' && issue.expected === 'string') add(field, 'Not a valid string.');
    else add(field, issue.message);
  }
  return { ok: false, message: pythonRepr(errors) };
}
