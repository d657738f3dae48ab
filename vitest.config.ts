import fs from 'node:fs';
import os from 'node:os';
import { defineConfig } from 'vitest/config';
import { useCompileCache } from './scripts/compile-cache.ts';

useCompileCache();

const INCLUDE = ['src-main/**/*.test.ts', 'src-preload/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'];

/**
 * Files that replace modules or globals for their own run (`vi.mock`, `vi.stubGlobal`, …) get a fresh
 * worker each; every other file shares its worker with the files before it. A fresh worker per file cost
 * about a third of the suite's wall time (`npm run test:unit`, 9 min 6 s isolated, 6 min 30 s shared,
 * the same 2,579 tests), while the only files that failed shared were two whose mocks outlived them.
 */
const MOCKS = /\bvi\.(?:mock|doMock|stubGlobal|stubEnv|hoisted)\(/;
const isolated = fs.globSync(INCLUDE, { exclude: ['**/node_modules/**'] }).filter((f) => MOCKS.test(fs.readFileSync(f, 'utf8')));

export default defineConfig({
  test: {
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
    projects: [
      { extends: true, test: { name: 'shared', include: INCLUDE, exclude: ['**/node_modules/**', ...isolated], isolate: false } },
      { extends: true, test: { name: 'isolated', include: isolated, isolate: true } },
    ],
  },
});
