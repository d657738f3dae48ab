import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, runCli, shellEnv, startCliProcess } from '#core/cli-test-support';

const SIM = 'src-main/openalgo-sim/main.ts';
let tmp: string;
let blocker: net.Server;
let busyPort: number;
beforeAll(async () => {
  tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'sim-cli-'));
  blocker = net.createServer();
  await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
  busyPort = (blocker.address() as net.AddressInfo).port;
});
afterAll(() => {
  blocker.close();
  fs.rmSync(tmp, { recursive: true, force: true });
});

describe('npm run openalgo:sim', () => {
  it('prints its usage for --help and exits 0', async () => {
    const r = await runCli(SIM, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/--ws-port N[\s\S]*--faults F[\s\S]*exit codes/);
  });

  it.each([
    [['--port', 'five'], /^openalgo:sim: --port five is not a port number — /],
    [['--seed', '1.5'], /^openalgo:sim: --seed 1\.5 is not a seed — /],
    [['--analyze=yes'], /^openalgo:sim: --analyze takes no value — write just --analyze$/],
    [['--apikey', 'k'], /^openalgo:sim: unknown option --apikey — the options are --port, --ws-port, /],
  ])('refuses %j in one line, exit 2', async (args, pattern) => {
    const r = await runCli(SIM, args);
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, pattern);
  });

  it('names the port in use, REST or WebSocket', async () => {
    const rest = await runCli(SIM, ['--port', String(busyPort), '--ws-port', '0']);
    expect(rest.code).toBe(1);
    expectOneLine(rest.stderr, new RegExp(`^openalgo:sim: port ${busyPort} on 127\\.0\\.0\\.1 is already in use.* — .*--port `));
    const ws = await runCli(SIM, ['--port', '0', '--ws-port', String(busyPort)]);
    expect(ws.code).toBe(1);
    expectOneLine(ws.stderr, new RegExp(`^openalgo:sim: port ${busyPort} .*already in use.* — .*--ws-port `));
  });

  it('refuses a fault script that is missing or invalid, exit 2', async () => {
    const missing = await runCli(SIM, ['--port', '0', '--ws-port', '0', '--faults', path.join(tmp, 'none.json')]);
    expect(missing.code).toBe(2);
    expectOneLine(missing.stderr, /^openalgo:sim: cannot read the fault script .*none\.json \(ENOENT: no such file or directory\) — /);
    const bad = path.join(tmp, 'bad.json');
    fs.writeFileSync(bad, JSON.stringify([{ afterMs: 10, action: { kind: 'explode' } }]));
    const invalid = await runCli(SIM, ['--port', '0', '--ws-port', '0', '--faults', bad]);
    expect(invalid.code).toBe(2);
    expectOneLine(invalid.stderr, /^openalgo:sim: the fault script .*bad\.json is not valid \(0\.action\.kind: .*\) — see "Faults"/);
  });

  it('reads a relative --faults from the folder npm was run in', async () => {
    const userDir = path.join(tmp, 'user');
    const projectDir = path.join(tmp, 'project');
    fs.mkdirSync(userDir);
    fs.mkdirSync(projectDir);
    fs.writeFileSync(path.join(userDir, 'faults.json'), JSON.stringify([{ afterMs: 60_000, action: { kind: 'drop-sockets' } }]));
    const env = shellEnv({ INIT_CWD: userDir, npm_package_json: path.join(projectDir, 'package.json') });
    const sim = startCliProcess(SIM, ['--port', '0', '--ws-port', '0', '--faults', 'faults.json'], { cwd: projectDir, env });
    try {
      await sim.waitFor(/REST\s+http:\/\/127\.0\.0\.1:\d+/);
    } finally {
      const r = await sim.stop();
      expect(r.stderr).toBe('');
    }
  });
});
