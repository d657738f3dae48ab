// Package time: flips the Electron fuses (src-main/electron/fuses.ts) in a packaged Electron binary and
// checks they took. Run it on a binary, or name it as electron-builder's afterPack hook
// (`"afterPack": "scripts/electron-fuses.ts"`), which runs before signing as fuses must be.
import path from 'node:path';
import { applyElectronFuses } from '../src-main/electron/fuses.ts';

const USAGE = 'usage: npm run electron:fuses -- <path to the Electron executable, or the .app bundle on macOS>';

/** The part of electron-builder's AfterPackContext this hook reads. */
export interface AfterPackContext {
  readonly electronPlatformName: string;
  readonly appOutDir: string;
  readonly packager: { readonly appInfo: { readonly productFilename: string }; readonly executableName?: string };
}

/** Where electron-builder puts the app's Electron binary in appOutDir, per platform. */
export function packagedElectronBinary(context: AfterPackContext): string {
  const { electronPlatformName: platform, appOutDir, packager } = context;
  const name = packager.appInfo.productFilename;
  if (platform === 'darwin' || platform === 'mas') return path.join(appOutDir, `${name}.app`);
  if (platform === 'win32') return path.join(appOutDir, `${name}.exe`);
  return path.join(appOutDir, packager.executableName ?? name);
}

function summary(binary: string, fuses: Record<string, boolean>): string {
  return `Electron fuses set in ${binary}: ${Object.entries(fuses)
    .map(([name, on]) => `${name} ${on ? 'on' : 'off'}`)
    .join(', ')}`;
}

export default async function afterPack(context: AfterPackContext): Promise<void> {
  const binary = packagedElectronBinary(context);
  // Rewriting the binary breaks macOS's ad-hoc signature (fatal on arm64): re-sign ad hoc; the real
  // signature is applied after this hook.
  const darwin = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  console.log(summary(binary, await applyElectronFuses(binary, { resetAdHocDarwinSignature: darwin })));
}

async function cli(args: string[]): Promise<number> {
  if (args.includes('--help') || args.includes('-h')) {
    console.log(USAGE);
    return 0;
  }
  if (args.length !== 1 || args[0]!.startsWith('-')) {
    console.error(args.length === 0 ? `no Electron binary given; ${USAGE}` : `${args.join(' ')}: expected one path; ${USAGE}`);
    return 2;
  }
  const binary = path.resolve(process.env.INIT_CWD ?? process.cwd(), args[0]!);
  try {
    console.log(summary(binary, await applyElectronFuses(binary, { resetAdHocDarwinSignature: binary.includes('.app') && process.platform === 'darwin' })));
    return 0;
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    console.error(code === 'ENOENT' ? `${binary}: no such file` : `cannot set the Electron fuses: ${(e as Error).message}`);
    return 1;
  }
}

// No top-level await: electron-builder may load this hook with require(), which refuses async modules.
if (import.meta.main) void cli(process.argv.slice(2)).then((code) => (process.exitCode = code));
