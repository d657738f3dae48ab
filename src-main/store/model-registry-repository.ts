import type BetterSqlite3 from 'better-sqlite3';
import { z } from 'zod';

/**
 * The SQLite side of ml/registry/registry-port.ts `ModelRegistryPort` (ml_models, ml_promotions,
 * ml_state; migration 008). The store may not import ml, so the shapes are restated here; the engine
 * hands this object to the model service, where TypeScript checks that the two agree. A row that does
 * not read back as written (edited by hand, say) is left out with its reason in `problems`, never guessed.
 */
const KINDS = ['rsi-lstm', 'pattern-cnn', 'break-validator', 'regime'] as const;
type Kind = (typeof KINDS)[number];

export interface StoredModel {
  readonly modelId: string;
  readonly kind: Kind;
  readonly version: number;
  readonly origin: 'shipped' | 'trained' | 'imported';
  readonly location: 'shipped' | 'data';
  readonly file: string;
  readonly sha256: string;
  readonly manifest: unknown;
  readonly createdAt: number;
}

export interface StoredPromotion {
  readonly kind: Kind;
  readonly modelId: string;
  readonly action: 'promote' | 'rollback';
  readonly ts: number;
  readonly reason: string;
}

const modelRow = z.object({
  model_id: z.string(),
  kind: z.enum(KINDS),
  version: z.number().int().min(1),
  origin: z.enum(['shipped', 'trained', 'imported']),
  location: z.enum(['shipped', 'data']),
  file: z.string().min(1),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
  manifest: z.string(),
  created_at: z.number().int(),
});

const promotionRow = z.object({ kind: z.enum(KINDS), model_id: z.string(), action: z.enum(['promote', 'rollback']), ts: z.number().int(), reason: z.string() });

/** The data range of a manifest, for the indexed columns (the manifest itself stays whole). */
function dataRange(manifest: unknown): { from: number | null; to: number | null } {
  const data = (manifest as { data?: { from?: unknown; to?: unknown } } | null)?.data;
  return { from: typeof data?.from === 'number' ? data.from : null, to: typeof data?.to === 'number' ? data.to : null };
}

export class ModelRegistryRepository {
  /** Rows skipped on read, with why: shown by the model service, never silently dropped. */
  readonly problems = new Set<string>();
  private readonly stmts;

  constructor(db: BetterSqlite3.Database) {
    this.stmts = {
      next: db.prepare('SELECT COALESCE(MAX(version), 0) + 1 AS v FROM ml_models WHERE kind = ?'),
      add: db.prepare(
        `INSERT INTO ml_models (model_id, kind, version, origin, location, file, sha256, data_from, data_to, manifest, created_at)
         VALUES (@modelId, @kind, @version, @origin, @location, @file, @sha256, @dataFrom, @dataTo, @manifest, @createdAt)`,
      ),
      get: db.prepare('SELECT * FROM ml_models WHERE model_id = ?'),
      all: db.prepare('SELECT * FROM ml_models ORDER BY kind, version DESC'),
      ofKind: db.prepare('SELECT * FROM ml_models WHERE kind = ? ORDER BY version DESC'),
      promote: db.prepare('INSERT INTO ml_promotions (kind, model_id, action, ts, reason) VALUES (@kind, @modelId, @action, @ts, @reason)'),
      promotions: db.prepare('SELECT kind, model_id, action, ts, reason FROM ml_promotions WHERE kind = ? ORDER BY seq'),
      lastPromotion: db.prepare('SELECT model_id FROM ml_promotions WHERE kind = ? ORDER BY seq DESC LIMIT 1'),
      loadState: db.prepare('SELECT state FROM ml_state WHERE key = ?'),
      saveState: db.prepare('INSERT INTO ml_state (key, state, ts_last) VALUES (?, ?, ?) ON CONFLICT (key) DO UPDATE SET state = excluded.state, ts_last = excluded.ts_last'),
    };
  }

  nextVersion(kind: Kind): number {
    return (this.stmts.next.get(kind) as { v: number }).v;
  }

  add(m: StoredModel): void {
    const range = dataRange(m.manifest);
    this.stmts.add.run({ ...m, dataFrom: range.from, dataTo: range.to, manifest: JSON.stringify(m.manifest) });
  }

  get(modelId: string): StoredModel | undefined {
    const raw = this.stmts.get.get(modelId);
    return raw === undefined ? undefined : this.read(raw);
  }

  list(kind?: Kind): readonly StoredModel[] {
    const rows = kind === undefined ? this.stmts.all.all() : this.stmts.ofKind.all(kind);
    return rows.flatMap((r) => this.read(r) ?? []);
  }

  active(kind: Kind): StoredModel | undefined {
    const last = this.stmts.lastPromotion.get(kind) as { model_id: string } | undefined;
    return last ? this.get(last.model_id) : undefined;
  }

  recordPromotion(p: StoredPromotion): void {
    this.stmts.promote.run(p);
  }

  promotions(kind: Kind): readonly StoredPromotion[] {
    return this.stmts.promotions.all(kind).flatMap((raw) => {
      const r = promotionRow.safeParse(raw);
      if (r.success) return [{ kind: r.data.kind, modelId: r.data.model_id, action: r.data.action, ts: r.data.ts, reason: r.data.reason }];
      this.problems.add(`ml_promotions row for ${kind} is invalid: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return [];
    });
  }

  loadState(key: string): string | undefined {
    return (this.stmts.loadState.get(key) as { state: string } | undefined)?.state;
  }

  saveState(key: string, json: string, ts: number): void {
    this.stmts.saveState.run(key, json, ts);
  }

  private read(raw: unknown): StoredModel | undefined {
    const r = modelRow.safeParse(raw);
    if (!r.success) {
      this.problems.add(`ml_models row ${String((raw as { model_id?: unknown }).model_id)} is invalid: ${r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`);
      return undefined;
    }
    let manifest: unknown;
    try {
      manifest = JSON.parse(r.data.manifest);
    } catch (e) {
      this.problems.add(`ml_models row ${r.data.model_id} has a manifest that is not JSON: ${(e as Error).message}`);
      return undefined;
    }
    const d = r.data;
    return { modelId: d.model_id, kind: d.kind, version: d.version, origin: d.origin, location: d.location, file: d.file, sha256: d.sha256, manifest, createdAt: d.created_at };
  }
}
