/** What the store's checkpoint thread is started with. */
export interface CheckpointThreadData {
  readonly file: string;
  readonly intervalMs: number;
  /** A WAL of this many pages or more is emptied (TRUNCATE) once all of it is copied. */
  readonly truncatePages: number;
}

/** What it reports: a round's WAL (its frames, those copied so far, and whether it was emptied), or why it stopped. */
export type CheckpointMessage =
  | { readonly kind: 'checkpoint'; readonly log: number; readonly checkpointed: number; readonly truncated: boolean }
  | { readonly kind: 'failed'; readonly message: string };
