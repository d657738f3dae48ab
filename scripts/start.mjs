// `npm start`: build, then open the Electron app; where Electron's runtime is not installed and cannot
// be fetched, say so in one line and serve the same terminal headless instead.
import { spawn, spawnSync } from 'node:child_process';
import { installedElectronBinary } from './electron-binary.mjs';

const major = Number(process.versions.node.split('.')[0]);
if (major < 22) {
  console.error(`This terminal needs Node 22+ (found ${process.versions.node}); run it with npm start, which uses the bundled Node 24.`);
  process.exit(1);
}

// Imported only now: older Node cannot load TypeScript. Arguments are checked before the build, so a
// typo costs a second, not a build, and --help needs no build at all.
const { startCli } = await import('../src-main/core/cli.ts');
const { START_SPEC, serveOptions } = await import('../src-main/server/serve-args.ts');
const cli = startCli(START_SPEC);
serveOptions(cli);

const build = spawnSync('npx', ['--no-install', 'electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
if (build.error) cli.fail(`cannot run the build (${build.error.message})`, 'run npm ci in the project folder first');
if (build.status !== 0) cli.fail('the build failed', 'see its errors above');

/** Electron's package fetches its binary on first use; let it try once, quietly, with a time limit. */
function electronBinary() {
  const installed = installedElectronBinary();
  if (installed) return installed;
  spawnSync(process.execPath, ['-e', "require('electron')"], { stdio: 'ignore', timeout: 300_000 });
  return installedElectronBinary();
}

const binary = electronBinary();
const args = process.argv.slice(2);
const child = binary
  ? spawn(binary, ['.', ...args], { stdio: 'inherit' })
  : (console.log('Electron runtime not available on this machine (its binary is not installed and could not be downloaded); starting the headless terminal instead.'),
    spawn(process.execPath, ['src-main/server/main.ts', ...args], { stdio: 'inherit' }));
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('error', (e) => cli.fail(`cannot start ${binary ? 'Electron' : 'the headless terminal'} (${e.message})`, 'run npm ci in the project folder, then npm start again'));
// The terminal has already said why it stopped. Ended by Ctrl-C or SIGTERM is a normal stop; by any
// other signal (the OOM killer's SIGKILL) a failure.
child.on('exit', (code, signal) => process.exit(code ?? (signal === 'SIGINT' || signal === 'SIGTERM' ? 0 : 1)));
