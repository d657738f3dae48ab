import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, runCli, shellEnv, startCliProcess } from '#core/cli-test-support';

const SERVE = 'src-main/server/main.ts';
let tmp: string;
beforeAll(() => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'serve-cli-'));
});
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));
const fresh = (name: string): string => path.join(tmp, name);

const RUNNING_AS_ROOT = process.getuid?.() === 0;
/** An unprivileged account to run as when the tests run as root, who ignores file permissions. */
const NOBODY = 65_534;

function occupiedPort(): Promise<net.Server> {
  return new Promise((resolve) => {
    const s = net.createServer();
    s.listen(0, '127.0.0.1', () => resolve(s));
  });
}
const portOf = (s: net.Server): number => (s.address() as net.AddressInfo).port;

describe('npm run serve: usage', () => {
  it('prints its usage for --help and exits 0', async () => {
    const r = await runCli(SERVE, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--port N[\s\S]*--data-dir D[\s\S]*--log-level L[\s\S]*exit codes/);
    expect(r.stderr).toBe('');
  });

  it.each([
    [['--log-level', 'verbose'], /^serve: --log-level verbose is not a log level — use one of fatal, error, warn, info, debug, trace, silent$/],
    [['--port', 'abc'], /^serve: --port abc is not a port number — give a whole number from 0 to 65535/],
    [['--port', '70000'], /^serve: --port 70000 is not a port number/],
    [['--speed', 'fast'], /^serve: --speed fast is not a speed — give a number from 0.1 to 3600/],
    [['--prot', '8080'], /^serve: unknown option --prot — the options are --port, --host, --data-dir, --speed, --sim-start, --log-level, --help/],
    [['--port'], /^serve: --port needs a value/],
    [['8080'], /^serve: unexpected argument "8080" — .*npm run serve -- --port 8080/],
  ])('refuses %j in one line with the fix, exit 2, touching nothing', async (args, pattern) => {
    const dataDir = fresh(`usage-${args.join('_')}`);
    const r = await runCli(SERVE, [...args, '--data-dir', dataDir]);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, pattern);
    expect(fs.existsSync(dataDir)).toBe(false);
  });
});

describe('npm run serve: refused starts are one line', () => {
  it('names the port in use and what to do', async () => {
    const blocker = await occupiedPort();
    try {
      const r = await runCli(SERVE, ['--port', String(portOf(blocker)), '--data-dir', fresh('port-in-use')]);
      expect(r.code).toBe(1);
      expectOneLine(r.stderr, new RegExp(`^serve: port ${portOf(blocker)} on 127\\.0\\.0\\.1 is already in use.* — .*--port`));
    } finally {
      blocker.close();
    }
  });

  it('refuses a second terminal on the same port', async () => {
    const first = startCliProcess(SERVE, ['--port', '0', '--data-dir', fresh('first')]);
    try {
      const [, port] = await first.waitFor(/at http:\/\/127\.0\.0\.1:(\d+)/);
      const second = await runCli(SERVE, ['--port', port!, '--data-dir', fresh('second')]);
      expect(second.code).toBe(1);
      expectOneLine(second.stderr, new RegExp(`^serve: port ${port} .*already in use`));
    } finally {
      await first.stop();
    }
  });

  it('refuses a data folder under a regular file', async () => {
    const file = fresh('a-file');
    fs.writeFileSync(file, '');
    const r = await runCli(SERVE, ['--port', '0', '--data-dir', path.join(file, 'data')]);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /^serve: cannot use the data folder .*a-file\/data \(ENOTDIR: not a directory\) — choose a folder you can write with --data-dir/);
  });

  it('refuses a read-only data folder', async () => {
    const dir = fresh('read-only');
    fs.mkdirSync(dir, { mode: 0o500 });
    // Root may write anywhere: run the terminal as an unprivileged account instead (the folder is theirs).
    if (RUNNING_AS_ROOT) {
      fs.chmodSync(tmp, 0o755);
      fs.chownSync(dir, NOBODY, NOBODY);
    }
    const r = await runCli(SERVE, ['--port', '0', '--data-dir', dir], RUNNING_AS_ROOT ? { uid: NOBODY, gid: NOBODY } : {});
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /^serve: cannot use the data folder .*read-only \(EACCES: permission denied\) — choose a folder you can write/);
  });

  it('refuses a log file it cannot write, before saying it is ready', async () => {
    const dataDir = fresh('log-is-a-folder');
    fs.mkdirSync(path.join(dataDir, 'logs', 'terminal.log'), { recursive: true });
    const r = await runCli(SERVE, ['--port', '0', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expect(r.stdout).toBe('');
    expectOneLine(r.stderr, /^serve: cannot write the log file .*terminal\.log \(EISDIR: .*\) — /);
  });

  it('refuses a bad config.json in one line, without "sonic boom is not ready yet"', async () => {
    const dataDir = fresh('bad-config');
    fs.mkdirSync(dataDir);
    fs.writeFileSync(path.join(dataDir, 'config.json'), '{ not json');
    const r = await runCli(SERVE, ['--port', '0', '--data-dir', dataDir]);
    expect(r.code).toBe(1);
    expectOneLine(r.stderr, /^serve: cannot start: .*config\.json is not valid JSON/);
  });
});

describe('npm run serve: running', () => {
  it.skipIf(!fs.existsSync('/dev/full'))('keeps serving when the log file stops taking writes, with one warning', async () => {
    const dataDir = fresh('disk-full');
    fs.mkdirSync(path.join(dataDir, 'logs'), { recursive: true });
    fs.symlinkSync('/dev/full', path.join(dataDir, 'logs', 'terminal.log'));
    const server = startCliProcess(SERVE, ['--port', '0', '--data-dir', dataDir]);
    try {
      const [, origin] = await server.waitFor(/at (http:\/\/127\.0\.0\.1:\d+)/);
      const status = await fetch(`${origin}/api/status`);
      expect(status.status).toBeLessThan(500);
    } finally {
      await server.stop();
    }
    const r = server.output();
    expect(r.code).toBe(0);
    expect(r.stderr.match(/^warning: cannot write the log file .*ENOSPC.*logging to stderr from now on/gm)).toHaveLength(1);
    expect(r.stderr).toMatch(/"msg":"shutting down"/);
  });

  it('takes a relative --data-dir from the folder npm was run in', async () => {
    const userDir = fresh('user-folder');
    fs.mkdirSync(userDir);
    const projectDir = fresh('project');
    fs.mkdirSync(projectDir);
    const env = shellEnv({ INIT_CWD: userDir, npm_package_json: path.join(projectDir, 'package.json') });
    const server = startCliProcess(SERVE, ['--port', '0', '--data-dir', 'my-data'], { cwd: projectDir, env });
    let shown: string | undefined;
    try {
      [, shown] = await server.waitFor(/data: (\S+)/);
    } finally {
      await server.stop();
    }
    expect(shown).toBe(path.join(userDir, 'my-data'));
    expect(fs.existsSync(path.join(userDir, 'my-data', 'config.json'))).toBe(true);
    expect(fs.existsSync(path.join(projectDir, 'my-data'))).toBe(false);
  });
});
