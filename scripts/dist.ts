// `npm run dist [-- electron-builder options]`: builds the app (out/) and packs the installers of
// electron-builder.config.ts for this machine. electron-builder's progress lines are shown as they come; a
// failure is one line, never its stack: where the Electron runtime cannot be downloaded, it says so.
import { spawn, spawnSync } from 'node:child_process';
import readline from 'node:readline';

const USAGE = 'usage: npm run dist [-- <electron-builder options, e.g. --linux deb, --win, --mac, --dir>]';

/** Network failures of the one download packaging needs: the Electron runtime (from GitHub or ELECTRON_MIRROR). */
const NETWORK = /getaddrinfo|ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|ENETUNREACH|EHOSTUNREACH|socket hang up|self[- ]signed certificate|unable to get local issuer|HTTPError: Response code 40[34]/;

/**
 * The one line to show for electron-builder's output when it failed: its first error (`⨯ …`) without
 * the fields and stack it appends, or what to do when the failure is a download.
 */
export function builderFailure(output: string): string {
  const line = output.split('\n').find((l) => l.trimStart().startsWith('⨯'));
  const message = (line ?? '')
    .trimStart()
    .replace(/^⨯\s*/, '')
    .replace(/\s+(?:failedTask|stackTrace|error|path)=.*$/, '')
    .trim();
  if (NETWORK.test(output)) {
    return `dist: cannot download the Electron runtime (${message || 'network error'}): packaging needs it once, then it is cached — connect this machine to the internet, or set ELECTRON_MIRROR to a mirror it can reach`;
  }
  return `dist: electron-builder failed: ${message || 'no error message (run npx electron-builder directly to see its output)'}`;
}

async function main(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  const build = spawnSync('npx', ['--no-install', 'electron-vite', 'build', '--logLevel', 'warn'], { stdio: 'inherit' });
  if (build.error || build.status !== 0) {
    console.error(build.error ? `dist: cannot run the build (${build.error.message}) — run npm ci in the project folder first` : 'dist: the build failed — see its errors above');
    return 1;
  }
  const builder = spawn('npx', ['--no-install', 'electron-builder', '--config', 'electron-builder.config.ts', ...args], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  let failing = false;
  const follow = (stream: NodeJS.ReadableStream, print: (line: string) => void) =>
    readline.createInterface({ input: stream }).on('line', (line) => {
      output += `${line}\n`;
      // Once an error starts, what follows is its stack: held back, summed up in one line at the end.
      if (line.trimStart().startsWith('⨯')) failing = true;
      if (!failing) print(line);
    });
  follow(builder.stdout, (l) => console.log(l));
  follow(builder.stderr, (l) => console.error(l));
  const code = await new Promise<number>((resolve) => {
    builder.on('error', (e) => {
      output += `⨯ cannot run electron-builder (${e.message})\n`;
      resolve(1);
    });
    builder.on('close', (c) => resolve(c ?? 1));
  });
  if (code === 0 && !failing) return 0;
  console.error(builderFailure(output));
  return 1;
}

// No top-level await: the test imports builderFailure from this file.
if (import.meta.main) void main(process.argv.slice(2)).then((code) => (process.exitCode = code));
