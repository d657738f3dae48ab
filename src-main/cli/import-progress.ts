/** Where an import stands: bytes and rows read over all files, and the file being read. */
export interface ImportProgressState {
  readonly bytes: number;
  readonly totalBytes: number;
  readonly rows: number;
  /** 1-based number of the file being read, and how many there are. */
  readonly file: number;
  readonly files: number;
}

const WIDTH = 24;

/** `[#########...............]  37%  12.4 of 33.1 MB  120,345 rows  file 3/250  about 41 s left` */
export function progressText(s: ImportProgressState, elapsedMs: number): string {
  const share = s.totalBytes > 0 ? Math.min(1, s.bytes / s.totalBytes) : 1;
  const filled = Math.round(share * WIDTH);
  const parts = [`[${'#'.repeat(filled)}${'.'.repeat(WIDTH - filled)}]`, `${String(Math.floor(share * 100)).padStart(3)}%`, `${mb(s.bytes)} of ${mb(s.totalBytes)} MB`, `${s.rows.toLocaleString('en-US')} rows`];
  if (s.files > 1) parts.push(`file ${s.file}/${s.files}`);
  if (share > 0.02 && share < 1 && elapsedMs > 2000) parts.push(`about ${duration((elapsedMs * (1 - share)) / share)} left`);
  return parts.join('  ');
}

/**
 * Shows progress on a `progressLine`: on a terminal at most ten times a second; elsewhere (a log, a pipe)
 * one line per tenth of the work, so a log of a long import stays short.
 */
export function importProgress(line: { show(text: string): void; end(): void }, isTTY: boolean, now: () => number) {
  const started = now();
  let shownAt = Number.NEGATIVE_INFINITY;
  let shownTenth = -1;
  let last: ImportProgressState | undefined;
  return {
    update(s: ImportProgressState): void {
      last = s;
      const t = now();
      // The 100 % line is end()'s: bytes are read ahead of the rows parsed from them.
      const tenth = s.totalBytes > 0 ? Math.min(9, Math.floor((10 * s.bytes) / s.totalBytes)) : 9;
      if (isTTY ? t - shownAt < 100 : tenth <= shownTenth) return;
      shownAt = t;
      shownTenth = tenth;
      line.show(progressText(s, t - started));
    },
    /** Shows the final state and ends the line. */
    end(): void {
      if (last) line.show(progressText({ ...last, bytes: last.totalBytes }, now() - started));
      line.end();
    },
  };
}

function mb(bytes: number): string {
  return (bytes / 1_048_576).toFixed(1);
}

function duration(ms: number): string {
  const s = Math.ceil(ms / 1000);
  if (s < 60) return `${s} s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${m} min ${s % 60} s` : `${Math.floor(m / 60)} h ${m % 60} min`;
}
