import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['src-main/**/*.test.ts', 'src-preload/**/*.test.ts', 'src-renderer/**/*.test.{ts,tsx}', 'scripts/**/*.test.ts'],
    benchmark: { include: ['src-main/**/*.bench.ts'] },
    environment: 'node',
    pool: 'forks',
    testTimeout: 20_000,
  },
});
