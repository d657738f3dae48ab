import type { Migration } from '../migration.ts';

/**
 * Optimiser studies (src-main/optimiser): a study's spec as JSON, and one row per trial and fold. The key
 * (study, trial, fold) makes writing a result idempotent: a trial run twice (a retried job, a restarted
 * study) leaves one row, and a restarted study skips every trial that has one.
 */
export const migration009: Migration = {
  version: 9,
  name: 'optimiser',
  sql: `
    CREATE TABLE opt_studies (
      study_id TEXT PRIMARY KEY,
      spec TEXT NOT NULL,
      created_at INTEGER NOT NULL
    );
    CREATE TABLE opt_trials (
      study_id TEXT NOT NULL REFERENCES opt_studies(study_id) ON DELETE CASCADE,
      trial_id INTEGER NOT NULL CHECK (trial_id >= 0),
      fold TEXT NOT NULL CHECK (fold IN ('in-sample', 'out-of-sample')),
      params TEXT NOT NULL,
      indices TEXT NOT NULL,
      status TEXT NOT NULL CHECK (status IN ('complete', 'failed')),
      score REAL,
      metrics TEXT NOT NULL,
      returns TEXT NOT NULL,
      error TEXT,
      finished_at INTEGER NOT NULL,
      PRIMARY KEY (study_id, trial_id, fold)
    ) WITHOUT ROWID;
  `,
};
