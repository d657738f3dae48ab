import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectOneLine, runCli } from '#core/cli-test-support';
import { istToEpoch } from '#core/time-ist';
import { AuditRepository } from '#store/audit-repository';
import { openStore } from '#store/database';

const CLI = path.join(import.meta.dirname, 'audit-export.ts');
let dir: string;
let data: string;

beforeAll(async () => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'audit-export-'));
  data = path.join(dir, 'data');
  const store = openStore(path.join(data, 'terminal.sqlite'), 1);
  if (!store.ok) throw new Error(store.error.message);
  const repo = new AuditRepository(store.value.sqlite);
  // 19 Nov 23:59 IST, 20 Nov 00:00 IST, 20 Nov 15:00 IST, 21 Nov 00:00 IST.
  repo.append({ ts: istToEpoch(2026, 11, 19, 23, 59), kind: 'kill', actor: 'trader', subject: 'kill-switch', payload: '{"source":"button"}' });
  repo.append({ ts: istToEpoch(2026, 11, 20, 0, 0), kind: 'arm', actor: 'trader', payload: '{"account":{"broker":"zerodha","host":"127.0.0.1:5000"},"note":"a, b"}' });
  repo.append({ ts: istToEpoch(2026, 11, 20, 15, 0), kind: 'intent', actor: 'bot:short-straddle', subject: 'i-1', payload: '{"reason":"say \\"hi\\"\\nnext line"}' });
  repo.append({ ts: istToEpoch(2026, 11, 21, 0, 0), kind: 'disarm', actor: 'trader', payload: '{}' });
  await store.value.close();
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const out = (name: string) => path.join(dir, name);

describe('npm run audit:export', () => {
  it('writes the chosen IST days as RFC 4180 CSV, readable by the user only', async () => {
    const r = await runCli(CLI, ['--data-dir', data, '--from', '2026-11-20', '--to', '2026-11-20', '--out', out('nov20.csv')]);
    expect(r.stderr).toBe('');
    expect(r.code).toBe(0);
    expect(r.stdout).toBe(`exported 2 audit entries (2026-11-20 to 2026-11-20, IST) to ${out('nov20.csv')}\n`);
    const csv = fs.readFileSync(out('nov20.csv'), 'utf8');
    expect(csv).toBe(
      'seq,ts_ms,time_ist,kind,actor,subject,payload\r\n' +
        `2,${istToEpoch(2026, 11, 20, 0, 0)},2026-11-20T00:00:00.000+05:30,arm,trader,,"{""account"":{""broker"":""zerodha"",""host"":""127.0.0.1:5000""},""note"":""a, b""}"\r\n` +
        `3,${istToEpoch(2026, 11, 20, 15, 0)},2026-11-20T15:00:00.000+05:30,intent,bot:short-straddle,i-1,"{""reason"":""say \\""hi\\""\\nnext line""}"\r\n`,
    );
    expect(fs.statSync(out('nov20.csv')).mode & 0o777).toBe(0o600);
  });

  it('exports everything without a range', async () => {
    const r = await runCli(CLI, ['--data-dir', data, '--out', out('all.csv')]);
    expect(r.stdout).toMatch(/^exported 4 audit entries \(first to last, IST\)/);
    expect(fs.readFileSync(out('all.csv'), 'utf8').split('\r\n')).toHaveLength(6);
  });

  it('prints its usage for --help and exits 0', async () => {
    const r = await runCli(CLI, ['--help']);
    expect(r.code).toBe(0);
    expect(r.stdout).toMatch(/^npm run audit:export -- --from D --to D --out FILE/);
  });

  it.each([
    [['--from', '2026-11-31', '--out', 'x.csv'], /--from 2026-11-31 is not a date — give a calendar day as YYYY-MM-DD/],
    [['--from', '2026-11-21', '--to', '2026-11-20', '--out', 'x.csv'], /--from 2026-11-21 is after --to 2026-11-20 — swap them/],
    [['--from', '2026-11-20'], /--out is missing — name the CSV file to write/],
    [['--out', 'x.csv', '--format', 'json'], /unknown option --format/],
  ])('refuses %j in one line with exit 2', async (args, message) => {
    const r = await runCli(CLI, ['--data-dir', data, ...args], { cwd: dir });
    expect(r.code).toBe(2);
    expectOneLine(r.stderr, message);
    expect(fs.existsSync(path.join(dir, 'x.csv'))).toBe(false);
  });

  it('never overwrites a file, and says when the folder holds no database', async () => {
    fs.writeFileSync(out('keep.csv'), 'mine');
    const exists = await runCli(CLI, ['--data-dir', data, '--out', out('keep.csv')]);
    expect(exists.code).toBe(2);
    expectOneLine(exists.stderr, /keep\.csv already exists — choose another --out/);
    expect(fs.readFileSync(out('keep.csv'), 'utf8')).toBe('mine');
    const empty = await runCli(CLI, ['--data-dir', path.join(dir, 'nothing-here'), '--out', out('none.csv')]);
    expect(empty.code).toBe(2);
    expectOneLine(empty.stderr, /there is no terminal database in .*nothing-here — point --data-dir at the folder/);
  });
});
