import { deserializeField, type Field, type SchemaLike } from './fields.ts';
import type { ErrorNode, ErrorTree } from './py-repr.ts';

/**
 * marshmallow's `Schema.load`: fields in declaration order, then unknown keys (RAISE by default, as in
 * OpenAlgo's request schemas), then `post_load` only when nothing failed. A post-load hook may fail the
 * whole load with its own error tree, as OpenAlgo's fractional-quantity check does.
 */
export type LoadResult = { ok: true; data: Record<string, unknown> } | { ok: false; errors: ErrorTree };

export interface SchemaSpec {
  readonly fields: Readonly<Record<string, Field>>;
  /** marshmallow's `Meta.unknown`; OpenAlgo leaves it at RAISE except for GTT and chart schemas. */
  readonly unknown?: 'raise' | 'exclude' | 'include';
  readonly postLoad?: (data: Record<string, unknown>) => LoadResult;
}

export class Schema implements SchemaLike {
  readonly spec: SchemaSpec;

  constructor(spec: SchemaSpec) {
    this.spec = spec;
  }

  load(input: unknown): LoadResult {
    if (typeof input !== 'object' || input === null || Array.isArray(input)) return { ok: false, errors: new Map([['_schema', ['Invalid input type.']]]) };
    const raw = input as Record<string, unknown>;
    const data: Record<string, unknown> = {};
    const errors: ErrorTree = new Map<string | number, ErrorNode>();
    const known = new Set<string>();
    for (const [name, f] of Object.entries(this.spec.fields)) {
      const key = f.dataKey ?? name;
      known.add(key);
      const present = Object.hasOwn(raw, key);
      if (!present && !f.required) {
        if (f.loadDefault !== undefined) data[name] = f.loadDefault;
        continue;
      }
      const r = deserializeField(f, raw[key], present);
      if (r.ok) data[name] = r.value;
      else errors.set(key, r.error);
    }
    const unknown = this.spec.unknown ?? 'raise';
    for (const key of Object.keys(raw)) {
      if (known.has(key)) continue;
      if (unknown === 'raise') errors.set(key, ['Unknown field.']);
      else if (unknown === 'include') data[key] = raw[key];
    }
    if (errors.size > 0) return { ok: false, errors };
    return this.spec.postLoad ? this.spec.postLoad(data) : { ok: true, data };
  }
}
