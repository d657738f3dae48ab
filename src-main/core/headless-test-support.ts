import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { runCli, shellEnv, startCliProcess, type CliRun, type RunningCli } from './cli-test-support.ts';

/**
 * A real headless terminal (`src-main/server/main.ts`) for the API, ctl and notification tests: its own
 * temp data folder, a free port, a configured token; optionally a config.json and secret files written
 * before it starts. `stop` ends it and removes the folder.
 */
export interface HeadlessOptions {
  /** Names the temp folder, e.g. 'rest-e2e'. */
  readonly name: string;
  /** 32+ characters (the server's rule for a configured token). */
  readonly token: string;
  /** Simulated seconds per second. */
  readonly speed?: number;
  /** The data folder inside the temp folder (default: the temp folder itself). */
  readonly dataSubdir?: string;
  /** Written as config.json (mode 600) before the start. */
  readonly config?: object;
  /** More files for the data folder, written mode 600 (e.g. a secret). */
  readonly files?: Readonly<Record<string, string>>;
  /** Environment beyond the token. */
  readonly env?: NodeJS.ProcessEnv;
  /** `--sim-start` (default `HEADLESS_SIM_START`). */
  readonly simStart?: string;
}

/**
 * The simulated morning a headless terminal starts on unless told otherwise: the simulated market is the
 * seed's and the start day's, so a pinned day keeps what the tests meet (levels, the risk an order carries)
 * the same whatever day they run on.
 */
export const HEADLESS_SIM_START = '2026-11-25T09:45';

export interface HeadlessTerminal {
  /** The temp folder (removed by `stop`). */
  readonly dir: string;
  readonly dataDir: string;
  readonly origin: string;
  readonly port: number;
  readonly token: string;
  readonly server: RunningCli;
  /** `npm run ctl -- --url <origin> …args` with the token in the environment (or `env` instead). */
  ctl(args: readonly string[], env?: NodeJS.ProcessEnv): Promise<CliRun>;
  stop(): Promise<void>;
}

const CTL = 'src-main/cli/ctl.ts';

/** Starts it and waits for its "at http://…" line (90 s: a cold start builds a few sessions of history). */
export async function startHeadlessTerminal(options: HeadlessOptions): Promise<HeadlessTerminal> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${options.name}-`));
  const dataDir = options.dataSubdir ? path.join(dir, options.dataSubdir) : dir;
  fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
  if (options.config) fs.writeFileSync(path.join(dataDir, 'config.json'), JSON.stringify(options.config), { mode: 0o600 });
  for (const [name, text] of Object.entries(options.files ?? {})) fs.writeFileSync(path.join(dataDir, name), text, { mode: 0o600 });
  const args = ['--port', '0', '--data-dir', dataDir, '--sim-start', options.simStart ?? HEADLESS_SIM_START, ...(options.speed !== undefined ? ['--speed', String(options.speed)] : [])];
  const server = startCliProcess('src-main/server/main.ts', args, { env: shellEnv({ ...options.env, TERMINAL_SERVER_TOKEN: options.token }) });
  let origin: string;
  try {
    const [, url] = await server.waitFor(/at (http:\/\/127\.0\.0\.1:\d+)\//, 90_000);
    origin = url!;
  } catch (e) {
    await server.stop();
    fs.rmSync(dir, { recursive: true, force: true });
    throw e;
  }
  return {
    dir,
    dataDir,
    origin,
    port: Number(new URL(origin).port),
    token: options.token,
    server,
    ctl: (ctlArgs, env = { TERMINAL_SERVER_TOKEN: options.token }) => runCli(CTL, ['--url', origin, ...ctlArgs], { env: shellEnv(env) }),
    async stop() {
      await server.stop();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
