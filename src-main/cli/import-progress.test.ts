import { describe, expect, it } from 'vitest';
import { importProgress, progressText } from './import-progress.ts';

const state = (bytes: number, extra: Partial<Parameters<typeof progressText>[0]> = {}) => ({ bytes, totalBytes: 10 * 1_048_576, rows: bytes / 100, file: 1, files: 1, ...extra });

describe('progressText', () => {
  it('draws a bar, the share, megabytes, rows and, for folders, the file; the time left once it can be estimated', () => {
    expect(progressText(state(0), 0)).toBe('[........................]    0%  0.0 of 10.0 MB  0 rows');
    expect(progressText(state(2.5 * 1_048_576, { files: 40, file: 7 }), 30_000)).toBe('[######..................]   25%  2.5 of 10.0 MB  26,214.4 rows  file 7/40  about 1 min 30 s left'.replace('26,214.4', (26214.4).toLocaleString('en-US')));
    expect(progressText(state(10 * 1_048_576), 5000)).toMatch(/^\[#{24}\] {2}100% {2}10\.0 of 10\.0 MB {2}104,857\.6 rows$/);
  });
});

describe('importProgress', () => {
  const run = (isTTY: boolean) => {
    const shown: string[] = [];
    let t = 0;
    const p = importProgress({ show: (s) => shown.push(s), end: () => shown.push('<end>') }, isTTY, () => t);
    for (let i = 1; i <= 100; i++) {
      t += 30;
      p.update(state((i / 100) * 10 * 1_048_576));
    }
    p.end();
    return shown;
  };

  it('writes one line per tenth of the work when the output is a file or a pipe', () => {
    const shown = run(false);
    expect(shown.slice(0, -1).map((s) => /(\d+)%/.exec(s)?.[1])).toEqual(['1', '10', '20', '30', '40', '50', '60', '70', '80', '90', '100']);
    expect(shown.at(-1)).toBe('<end>');
  });

  it('redraws at most ten times a second on a terminal and shows the end state', () => {
    const shown = run(true);
    expect(shown.length).toBeGreaterThan(25);
    expect(shown.length).toBeLessThan(40);
    expect(shown.at(-2)).toMatch(/100%/);
  });
});
