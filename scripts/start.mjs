// `npm start`: build, then open the Electron app; where Electron's runtime is not installed, say so in
// one line and serve the same terminal headless instead.
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const run = (cmd, args) => spawnSync(cmd, args, { stdio: 'inherit' }).status ?? 1;

function electronBinary() {
  try {
    const binary = require('electron');
    return typeof binary === 'string' && fs.existsSync(binary) ? binary : undefined;
  } catch {
    return undefined;
  }
}

const build = run('npx', ['--no-install', 'electron-vite', 'build', '--logLevel', 'warn']);
if (build !== 0) process.exit(build);

const binary = electronBinary();
const args = process.argv.slice(2);
const child = binary
  ? spawn(binary, ['.', ...args], { stdio: 'inherit' })
  : (console.log('Electron runtime not available on this machine (its binary is not installed); starting the headless terminal instead.'),
    spawn(process.execPath, ['src-main/server/main.ts', ...args], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
