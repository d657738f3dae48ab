import type { Migration } from '../migration.ts';

/**
 * The ML model registry (ml/registry/registry-port.ts): every model version with its file hash and
 * manifest (features, normalisation, data range, out-of-sample metrics, calibration); promotions and
 * rollbacks, append-only, whose last row per kind names the model the engine runs; and learner state
 * (the entry-threshold bandit, source hit rates) as JSON under a key.
 */
export const migration008: Migration = {
  version: 8,
  name: 'model-registry',
  sql: `
    CREATE TABLE ml_models (
      model_id TEXT PRIMARY KEY,
      kind TEXT NOT NULL CHECK (kind IN ('rsi-lstm', 'pattern-cnn', 'break-validator', 'regime')),
      version INTEGER NOT NULL CHECK (version >= 1),
      origin TEXT NOT NULL CHECK (origin IN ('shipped', 'trained', 'imported')),
      location TEXT NOT NULL CHECK (location IN ('shipped', 'data')),
      file TEXT NOT NULL,
      sha256 TEXT NOT NULL CHECK (length(sha256) = 64),
      data_from INTEGER,
      data_to INTEGER,
      manifest TEXT NOT NULL,
      created_at INTEGER NOT NULL,
      UNIQUE (kind, version)
    );
    CREATE TABLE ml_promotions (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      kind TEXT NOT NULL,
      model_id TEXT NOT NULL REFERENCES ml_models(model_id),
      action TEXT NOT NULL CHECK (action IN ('promote', 'rollback')),
      ts INTEGER NOT NULL,
      reason TEXT NOT NULL
    );
    CREATE INDEX ml_promotions_kind ON ml_promotions(kind, seq);
    CREATE TRIGGER ml_promotions_append_only_update BEFORE UPDATE ON ml_promotions BEGIN SELECT RAISE(ABORT, 'ml_promotions is append-only'); END;
    CREATE TRIGGER ml_promotions_append_only_delete BEFORE DELETE ON ml_promotions BEGIN SELECT RAISE(ABORT, 'ml_promotions is append-only'); END;
    CREATE TABLE ml_state (
      key TEXT PRIMARY KEY,
      state TEXT NOT NULL,
      ts_last INTEGER NOT NULL
    );
  `,
};
