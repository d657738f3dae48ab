import os from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-preload/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    benchmark: { include: ['src-main/**/*.bench.ts'] },
    environment: 'node',
    pool: 'forks',
    // Vitest's default keeps one core for its own process, which sits nearly idle while the files run: on a
    // 2-core machine that meant one test file at a time and the suite's wall time equal to its CPU time.
    maxWorkers: os.availableParallelism(),
    testTimeout: 20_000,
    // Files boot engines, train tiny models or start servers in beforeAll; with a file on every core that
    // takes longer than vitest's 10 s default on a busy machine. A timeout here is a hang guard, not a speed check.
    hookTimeout: 30_000,
  },
});
