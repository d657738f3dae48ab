import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { expect } from 'vitest';

/** Runs entry points the way a user does: a separate Node 24 process, its real stdout, stderr and exit code. */
export const PROJECT_ROOT = path.resolve(import.meta.dirname, '..', '..');

export interface CliRun {
  readonly code: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export interface CliRunOptions {
  readonly cwd?: string;
  readonly env?: NodeJS.ProcessEnv;
  readonly uid?: number;
  readonly gid?: number;
  readonly timeoutMs?: number;
}

/** The environment of a command typed in a shell: none of npm's variables the test runner may carry. */
export function shellEnv(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env = Object.fromEntries(Object.entries(process.env).filter(([k]) => k !== 'INIT_CWD' && !k.startsWith('npm_')));
  return { ...env, ...extra };
}

function start(script: string, args: readonly string[], options: CliRunOptions): ChildProcess {
  return spawn(process.execPath, [path.resolve(PROJECT_ROOT, script), ...args], {
    cwd: options.cwd ?? PROJECT_ROOT,
    env: options.env ?? shellEnv(),
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(options.uid !== undefined ? { uid: options.uid } : {}),
    ...(options.gid !== undefined ? { gid: options.gid } : {}),
  });
}

/** Runs a command to its end (killed after `timeoutMs`, 20 s by default). */
export function runCli(script: string, args: readonly string[], options: CliRunOptions = {}): Promise<CliRun> {
  return new Promise((resolve) => {
    const child = start(script, args, options);
    let stdout = '';
    let stderr = '';
    child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
    child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
    const timer = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 20_000);
    child.on('close', (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}

export interface RunningCli {
  readonly child: ChildProcess;
  output(): CliRun;
  /** Resolves with the first stdout line matching, or rejects when the process ends first. */
  waitFor(pattern: RegExp, timeoutMs?: number): Promise<RegExpExecArray>;
  /** SIGTERM (SIGKILL if it has not exited after `graceMs`), then the result. */
  stop(graceMs?: number): Promise<CliRun>;
}

/** Starts a long-running command (a server) and watches its output. */
export function startCliProcess(script: string, args: readonly string[], options: CliRunOptions = {}): RunningCli {
  const child = start(script, args, options);
  let stdout = '';
  let stderr = '';
  let code: number | null = null;
  const closed = new Promise<void>((resolve) => child.on('close', (c) => ((code = c), resolve())));
  child.stdout!.on('data', (d: Buffer) => (stdout += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const output = (): CliRun => ({ code, stdout, stderr });
  return {
    child,
    output,
    waitFor: (pattern, timeoutMs = 20_000) =>
      new Promise((resolve, reject) => {
        const deadline = Date.now() + timeoutMs;
        const poll = (): void => {
          const m = pattern.exec(stdout);
          if (m) return resolve(m);
          if (child.exitCode !== null || child.signalCode !== null || Date.now() > deadline) {
            return reject(new Error(`no ${pattern} in stdout (exit ${child.exitCode}); stdout: ${stdout} stderr: ${stderr}`));
          }
          setTimeout(poll, 50);
        };
        poll();
      }),
    stop: async (graceMs = 10_000) => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      const kill = setTimeout(() => child.kill('SIGKILL'), graceMs);
      await closed;
      clearTimeout(kill);
      return output();
    },
  };
}

/** The user sees exactly one line on stderr, and no stack trace or pino internals. */
export function expectOneLine(stderr: string, pattern: RegExp): void {
  const lines = stderr.trimEnd().split('\n');
  expect(lines, stderr).toHaveLength(1);
  expect(lines[0]).toMatch(pattern);
  expect(stderr).not.toMatch(/^\s+at |sonic boom|node:internal/m);
}
