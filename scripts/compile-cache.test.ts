import { spawnSync } from 'node:child_process';
import { expect, it } from 'vitest';

it('every command the tests start loads its modules through the compile cache', () => {
  const r = spawnSync(process.execPath, ['-e', "console.log(require('node:module').getCompileCacheDir() ?? 'none')"], { encoding: 'utf8' });
  expect(r.stdout.trim()).toMatch(/node_modules\/\.cache\/node-compile-cache/);
});
