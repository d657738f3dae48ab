import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import type * as Fuses from '@electron/fuses';
import type { FuseV1Config } from '@electron/fuses';
import { ELECTRON_FUSES } from '../src-main/electron/fuses.ts';
import config from '../electron-builder.config.ts';
import { builderFailure } from './dist.ts';

/** The fuse flipper as the hook calls it: every call recorded, then the real one run. */
const flips: { binary: string; fuses: FuseV1Config }[] = [];
vi.mock('@electron/fuses', async (importOriginal) => {
  const real = await importOriginal<typeof Fuses>();
  return {
    ...real,
    flipFuses: async (binary: string, fuses: FuseV1Config) => {
      flips.push({ binary, fuses });
      return real.flipFuses(binary, fuses);
    },
  };
});

const ROOT = path.resolve(import.meta.dirname, '..');
const pkg = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { main: string; dependencies: Record<string, string>; devDependencies: Record<string, string> };
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'after-pack-'));
afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

const targetsOf = (t: unknown): string[] => (Array.isArray(t) ? t : [t]).map((x) => (typeof x === 'string' ? x : (x as { target: string }).target));

describe('electron-builder configuration', () => {
  it('is valid by electron-builder’s own schema', async () => {
    // electron-builder's own check, as `electron-builder` runs it before packing (not part of its public API).
    const { validateConfiguration } = (await import('app-builder-lib/out/util/config/config.js')) as unknown as { validateConfiguration: (c: unknown, l: unknown) => Promise<void> };
    await expect(validateConfiguration(config, { isEnabled: false, add: () => undefined })).resolves.toBeUndefined();
  });

  it('builds AppImage and deb, NSIS and dmg', () => {
    expect(targetsOf(config.linux?.target)).toEqual(['AppImage', 'deb']);
    expect(targetsOf(config.win?.target)).toEqual(['nsis']);
    expect(targetsOf(config.mac?.target)).toEqual(['dmg']);
  });

  it('packs the built app and resources, and leaves dependencies to electron-builder (production ones only)', () => {
    const files = config.files as string[];
    expect(files).toContain('out/**');
    expect(files).toContain('resources/**');
    expect(files.some((f) => f.includes('node_modules'))).toBe(false);
    for (const dev of Object.keys(pkg.devDependencies)) expect(JSON.stringify(config), dev).not.toContain(`node_modules/${dev}/`);
    // electron-builder refuses Electron among dependencies; the natives must be among them to be packed.
    expect(pkg.devDependencies).toHaveProperty('electron');
    expect(pkg.devDependencies).toHaveProperty('electron-builder');
    expect(pkg.dependencies).toHaveProperty('better-sqlite3');
    expect(pkg.dependencies).toHaveProperty('onnxruntime-node');
    expect(pkg.main.startsWith('out/')).toBe(true);
  });

  it('unpacks the N-API natives from the asar, each glob matching real files', () => {
    const globs = config.asarUnpack as string[];
    const matched = (g: string) => fs.globSync(g, { cwd: ROOT }).filter((f) => fs.statSync(path.join(ROOT, f)).isFile());
    for (const g of globs) expect(matched(g).length, g).toBeGreaterThan(0);
    const all = globs.flatMap(matched);
    expect(all.some((f) => /better-sqlite3\/.*\.node$/.test(f))).toBe(true);
    expect(all.some((f) => /onnxruntime-node\/bin\/.*\/linux\/x64\/onnxruntime_binding\.node$/.test(f))).toBe(true);
    expect(all.some((f) => /onnxruntime-node\/bin\/.*\/libonnxruntime\.so\.1$/.test(f))).toBe(true);
  });

  it('names icons that exist, in each platform’s format', () => {
    const png = fs.readFileSync(path.join(ROOT, config.linux!.icon as string));
    expect(png.subarray(1, 4).toString()).toBe('PNG');
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([512, 512]);
    const ico = fs.readFileSync(path.join(ROOT, config.win!.icon as string));
    expect(ico.readUInt16LE(2)).toBe(1);
    const sizes = Array.from({ length: ico.readUInt16LE(4) }, (_, k) => ico[6 + 16 * k] || 256);
    expect(sizes).toContain(256);
    const icns = fs.readFileSync(path.join(ROOT, config.mac!.icon as string));
    expect(icns.subarray(0, 4).toString()).toBe('icns');
    expect(icns.readUInt32BE(4)).toBe(icns.length);
    expect(icns.includes(Buffer.from('ic10'))).toBe(true);
  });
});

describe('the afterPack hook', () => {
  /** A stand-in Electron binary: noise around the fuse wire, as in src-main/electron/fuses.test.ts. */
  const fakeElectron = () => Buffer.concat([Buffer.alloc(64, 7), Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, 9]), Buffer.from('101100011'), Buffer.alloc(64, 7)]);

  it('is scripts/electron-fuses.ts, and flips the configured fuses in the packed Linux binary', async () => {
    expect(path.resolve(ROOT, config.afterPack as string)).toBe(path.join(ROOT, 'scripts', 'electron-fuses.ts'));
    const hook = (await import(path.join(ROOT, config.afterPack as string))) as { default: (c: unknown) => Promise<void> };
    const appOutDir = path.join(tmp, 'linux-unpacked');
    fs.mkdirSync(path.join(appOutDir, 'resources'), { recursive: true });
    fs.writeFileSync(path.join(appOutDir, 'resources', 'app.asar'), 'asar');
    const binary = path.join(appOutDir, config.executableName!);
    fs.writeFileSync(binary, fakeElectron());
    vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await hook.default({ electronPlatformName: 'linux', appOutDir, packager: { appInfo: { productFilename: config.productName }, executableName: config.executableName } });
    expect(flips).toEqual([{ binary, fuses: { ...ELECTRON_FUSES, resetAdHocDarwinSignature: false } }]);
    // RunAsNode off, cookie encryption on, NODE_OPTIONS off, --inspect off, asar integrity on, only asar on, snapshot off, file: privileges off, wasm traps on.
    expect(fs.readFileSync(binary).includes(Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX\u0001\u0009010011001'))).toBe(true);
  });
});

describe('npm run dist when it fails', () => {
  const OFFLINE = [
    '  • packaging       platform=linux arch=x64 electron=45.4.1 appOutDir=dist/linux-unpacked',
    '  ⨯ getaddrinfo ENOTFOUND github.com  failedTask=build stackTrace=RequestError: getaddrinfo ENOTFOUND github.com',
    '    at ClientRequest.<anonymous> (/work/main/node_modules/got/dist/source/core/index.js:970:111)',
    '    at GetAddrInfoReqWrap.onlookupall [as oncomplete] (node:dns:123:26)',
  ].join('\n');

  it('says in one line that the Electron runtime could not be downloaded, without the stack', () => {
    const line = builderFailure(OFFLINE);
    expect(line).toBe('dist: cannot download the Electron runtime (getaddrinfo ENOTFOUND github.com): packaging needs it once, then it is cached — connect this machine to the internet, or set ELECTRON_MIRROR to a mirror it can reach');
    expect(line).not.toContain('\n');
  });

  it('gives any other failure as electron-builder’s first error, in one line', () => {
    expect(builderFailure('  ⨯ Application entry file "out/main/index.js" does not exist  failedTask=build stackTrace=Error: x\n    at y')).toBe('dist: electron-builder failed: Application entry file "out/main/index.js" does not exist');
    expect(builderFailure('')).toBe('dist: electron-builder failed: no error message (run npx electron-builder directly to see its output)');
  });
});
