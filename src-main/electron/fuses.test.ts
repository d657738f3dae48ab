import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { FuseV1Options } from '@electron/fuses';
import type * as ElectronFuses from '@electron/fuses';
import { ELECTRON_FUSES, applyElectronFuses } from './fuses.ts';

/**
 * A stand-in Electron binary: noise, then the fuse wire as Electron lays it out and @electron/fuses
 * finds it (dist/index.js, dist/constants.js): the 32-byte sentinel, a version byte (1), a length byte,
 * then one byte per fuse: '0' off, '1' on, 'r' removed.
 */
const SENTINEL = 'dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX';
/** Electron 45's shipped defaults: RunAsNode on, cookie encryption off, NODE_OPTIONS on, inspect on, … */
const ELECTRON_DEFAULT_WIRE = '101100011';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'fuses-'));
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

const head = Buffer.alloc(5000, 0xab);
const tail = Buffer.from('\0electron-main-rest-of-binary');

function fakeElectron(name: string, wire: string): string {
  const file = path.join(dir, name);
  fs.writeFileSync(file, Buffer.concat([head, Buffer.from(SENTINEL), Buffer.from([1, wire.length]), Buffer.from(wire, 'latin1'), tail]));
  return file;
}

/** Reads the wire back with no help from @electron/fuses. */
function wireOf(file: string): string {
  const bytes = fs.readFileSync(file);
  const at = bytes.indexOf(SENTINEL) + SENTINEL.length;
  return bytes.subarray(at + 2, at + 2 + bytes[at + 1]!).toString('latin1');
}

describe('Electron fuses (pinned)', () => {
  it('are exactly these, every fuse decided', () => {
    expect(ELECTRON_FUSES).toEqual({
      version: '1',
      strictlyRequireAllFuses: true,
      [FuseV1Options.RunAsNode]: false,
      [FuseV1Options.EnableCookieEncryption]: true,
      [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
      [FuseV1Options.EnableNodeCliInspectArguments]: false,
      [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
      [FuseV1Options.OnlyLoadAppFromAsar]: true,
      [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
      [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
      [FuseV1Options.WasmTrapHandlers]: true,
    });
  });

  it('uses the sentinel the installed @electron/fuses looks for', async () => {
    const constants = fileURLToPath(new URL('./constants.js', import.meta.resolve('@electron/fuses')));
    expect(fs.readFileSync(constants, 'utf8')).toContain(`'${SENTINEL}'`);
  });

  it('flips them in a binary and reads them back, touching nothing else', async () => {
    const binary = fakeElectron('electron', ELECTRON_DEFAULT_WIRE);
    const before = fs.readFileSync(binary);
    const fuses = await applyElectronFuses(binary);
    expect(wireOf(binary)).toBe('010011001');
    expect(fuses).toEqual({
      RunAsNode: false,
      EnableCookieEncryption: true,
      EnableNodeOptionsEnvironmentVariable: false,
      EnableNodeCliInspectArguments: false,
      EnableEmbeddedAsarIntegrityValidation: true,
      OnlyLoadAppFromAsar: true,
      LoadBrowserProcessSpecificV8Snapshot: false,
      GrantFileProtocolExtraPrivileges: false,
      WasmTrapHandlers: true,
    });
    const after = fs.readFileSync(binary);
    expect(after.length).toBe(before.length);
    const wireAt = before.indexOf(SENTINEL) + SENTINEL.length + 2;
    expect(Buffer.concat([after.subarray(0, wireAt), after.subarray(wireAt + 9)])).toEqual(Buffer.concat([before.subarray(0, wireAt), before.subarray(wireAt + 9)]));
    await applyElectronFuses(binary);
    expect(wireOf(binary)).toBe('010011001');
  });

  it('fails packaging when a newer Electron has a fuse nobody decided on', async () => {
    const binary = fakeElectron('electron-next', `${ELECTRON_DEFAULT_WIRE}1`);
    await expect(applyElectronFuses(binary)).rejects.toThrow(/strictlyRequireAllFuses/);
    expect(wireOf(binary)).toBe(`${ELECTRON_DEFAULT_WIRE}1`);
  });

  it('fails when the fuses did not take, whatever @electron/fuses reported', async () => {
    vi.resetModules();
    vi.doMock('@electron/fuses', async (original) => ({ ...(await original<typeof ElectronFuses>()), flipFuses: () => Promise.resolve(1) }));
    try {
      const { applyElectronFuses: applyWithBrokenFlip } = await import('./fuses.ts');
      const binary = fakeElectron('electron-untouched', ELECTRON_DEFAULT_WIRE);
      await expect(applyWithBrokenFlip(binary)).rejects.toThrow(/did not take in .*electron-untouched: RunAsNode reads 1, EnableCookieEncryption reads 0/);
    } finally {
      vi.doUnmock('@electron/fuses');
      vi.resetModules();
    }
  });

  it('fails on a file that is not an Electron binary', async () => {
    const file = path.join(dir, 'not-electron');
    fs.writeFileSync(file, head);
    await expect(applyElectronFuses(file)).rejects.toThrow(/sentinel/);
  });
});
