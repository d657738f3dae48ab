import { err, ok, type Result } from '#core/result';
import type { Store } from '#store/database';
import type { FoldName } from './objective.ts';
import type { StudySpec } from './study-spec.ts';
import { trialRecordSchema, type TrialRecord } from './trial.ts';

export type StudyStoreError = { readonly kind: 'study-mismatch'; readonly message: string };

export interface StudyRow {
  readonly studyId: string;
  readonly spec: StudySpec;
  readonly createdAt: number;
  readonly done: number;
}

interface TrialRow {
  trial_id: number;
  fold: string;
  params: string;
  indices: string;
  status: string;
  score: number | null;
  metrics: string;
  returns: string;
  error: string | null;
}

/** Studies and their trials in the terminal's database (migration 009). */
export class StudyStore {
  private readonly store: Store;
  private readonly insert;
  private readonly select;

  constructor(store: Store) {
    this.store = store;
    this.insert = store.sqlite.prepare(
      `INSERT INTO opt_trials (study_id, trial_id, fold, params, indices, status, score, metrics, returns, error, finished_at)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT (study_id, trial_id, fold) DO NOTHING`,
    );
    this.select = store.sqlite.prepare('SELECT trial_id, fold, params, indices, status, score, metrics, returns, error FROM opt_trials WHERE study_id = ? ORDER BY fold, trial_id');
  }

  /** Creates the study, or checks that an existing one has the same spec. */
  open(studyId: string, spec: StudySpec, nowMs: number): Result<'created' | 'resumed', StudyStoreError> {
    const json = JSON.stringify(spec);
    const row = this.store.sqlite.prepare('SELECT spec FROM opt_studies WHERE study_id = ?').get(studyId) as { spec: string } | undefined;
    if (!row) {
      this.store.sqlite.prepare('INSERT INTO opt_studies (study_id, spec, created_at) VALUES (?, ?, ?)').run(studyId, json, nowMs);
      return ok('created');
    }
    if (row.spec !== json) {
      return err({ kind: 'study-mismatch', message: `study "${studyId}" exists with other settings; give another --study name, or the same settings to resume it` });
    }
    return ok('resumed');
  }

  /** Writes a result unless the trial has one already; true when written. A retried job adds nothing. */
  write(studyId: string, r: TrialRecord, nowMs: number): boolean {
    const info = this.insert.run(studyId, r.trialId, r.fold, JSON.stringify(r.params), JSON.stringify(r.indices), r.status, r.score, JSON.stringify(r.metrics), JSON.stringify(r.returns), r.error, nowMs);
    return info.changes === 1;
  }

  records(studyId: string, fold?: FoldName): TrialRecord[] {
    const rows = this.select.all(studyId) as TrialRow[];
    return rows
      .filter((row) => fold === undefined || row.fold === fold)
      .map((row) =>
        trialRecordSchema.parse({
          trialId: row.trial_id,
          fold: row.fold,
          params: JSON.parse(row.params),
          indices: JSON.parse(row.indices),
          status: row.status,
          score: row.score,
          metrics: JSON.parse(row.metrics),
          returns: JSON.parse(row.returns),
          error: row.error,
        }),
      );
  }

  list(): StudyRow[] {
    const rows = this.store.sqlite
      .prepare('SELECT s.study_id, s.spec, s.created_at, (SELECT COUNT(*) FROM opt_trials t WHERE t.study_id = s.study_id) AS done FROM opt_studies s ORDER BY s.created_at, s.study_id')
      .all() as { study_id: string; spec: string; created_at: number; done: number }[];
    return rows.map((r) => ({ studyId: r.study_id, spec: JSON.parse(r.spec) as StudySpec, createdAt: r.created_at, done: r.done }));
  }
}
