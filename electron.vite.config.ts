import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

/**
 * Three bundles: main (the engine inside Electron), preload (one CommonJS file, as a sandboxed preload
 * must be) and the renderer, which the headless server serves too.
 */
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      // backtest-thread: the worker thread each backtest runs on (src-main/backtest/service), its own entry;
      // checkpoint-thread: the store's WAL checkpoints (src-main/store/wal-checkpointer.ts).
      rollupOptions: {
        input: {
          index: resolve(import.meta.dirname, 'src-main/electron/main.ts'),
          'backtest-thread': resolve(import.meta.dirname, 'src-main/backtest/service/backtest-thread.ts'),
          'checkpoint-thread': resolve(import.meta.dirname, 'src-main/store/checkpoint-thread.ts'),
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      // A sandboxed preload can require nothing but electron: zod (the contract's schemas) is bundled in.
      externalizeDeps: { exclude: ['zod'] },
      rollupOptions: {
        input: { preload: resolve(import.meta.dirname, 'src-preload/electron/preload.ts') },
        output: { format: 'cjs', entryFileNames: '[name].cjs' },
      },
    },
  },
  renderer: {
    root: 'src-renderer',
    build: {
      outDir: 'out/renderer',
      rollupOptions: { input: resolve(import.meta.dirname, 'src-renderer/index.html') },
    },
    plugins: [react()],
  },
});
