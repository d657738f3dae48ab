import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { packagedElectronBinary } from './electron-fuses.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuses-cli-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const script = path.join(import.meta.dirname, 'electron-fuses.ts');
const run = (...args: string[]) => spawnSync(process.execPath, [script, ...args], { encoding: 'utf8', cwd: dir, env: { ...process.env, INIT_CWD: dir } });

describe('electron-builder afterPack hook', () => {
  const context = (electronPlatformName: string) => ({
    electronPlatformName,
    appOutDir: '/build/out',
    packager: { appInfo: { productFilename: 'Trading Terminal' }, executableName: 'trading-terminal' },
  });

  it('finds the Electron binary electron-builder packed, per platform', () => {
    expect(packagedElectronBinary(context('linux'))).toBe('/build/out/trading-terminal');
    expect(packagedElectronBinary(context('win32'))).toBe('/build/out/Trading Terminal.exe');
    expect(packagedElectronBinary(context('darwin'))).toBe('/build/out/Trading Terminal.app');
    expect(packagedElectronBinary(context('mas'))).toBe('/build/out/Trading Terminal.app');
  });
});

describe('node scripts/electron-fuses.ts', () => {
  it('flips the fuses of a binary given relative to where it was run, and says which', () => {
    const wire = Buffer.concat([Buffer.alloc(64), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from('101100011'), Buffer.alloc(64)]);
    fs.writeFileSync(path.join(dir, 'electron'), wire);
    const r = run('electron');
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(r.stdout).toBe(
      `Electron fuses set in ${path.join(dir, 'electron')}: RunAsNode off, EnableCookieEncryption on, EnableNodeOptionsEnvironmentVariable off, ` +
        'EnableNodeCliInspectArguments off, EnableEmbeddedAsarIntegrityValidation on, OnlyLoadAppFromAsar on, LoadBrowserProcessSpecificV8Snapshot off, ' +
        'GrantFileProtocolExtraPrivileges off, WasmTrapHandlers on\n',
    );
    expect(fs.readFileSync(path.join(dir, 'electron')).includes(Buffer.from('010011001'))).toBe(true);
  });

  it('answers --help, a usage error (exit 2) and a bad binary (exit 1) in one line each', () => {
    expect(run('--help')).toMatchObject({ status: 0, stdout: expect.stringMatching(/^usage: /) });
    const none = run();
    expect(none.status).toBe(2);
    expect(none.stderr.trim().split('\n')).toHaveLength(1);
    const missing = run('missing-binary');
    expect(missing).toMatchObject({ status: 1, stderr: `${path.join(dir, 'missing-binary')}: no such file\n` });
    fs.writeFileSync(path.join(dir, 'text'), 'not electron');
    const text = run('text');
    expect(text.status).toBe(1);
    expect(text.stderr).toMatch(/^cannot set the Electron fuses: Could not find sentinel/);
    expect(text.stderr.trim().split('\n')).toHaveLength(1);
  });
});
