import { FuseState, FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire, type FuseV1Config } from '@electron/fuses';

/**
 * Electron fuses: switches compiled into the Electron binary, flipped once at package time (before
 * signing) so that no environment variable or command-line flag can turn the app into something else.
 * Every fuse of the wire is set explicitly (strictlyRequireAllFuses): an Electron upgrade that adds one
 * fails packaging until someone decides its value here.
 */
export const ELECTRON_FUSES = {
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  /** ELECTRON_RUN_AS_NODE would make the signed binary a plain Node that runs any script. */
  [FuseV1Options.RunAsNode]: false,
  /** Cookies on disk encrypted with the OS keychain. */
  [FuseV1Options.EnableCookieEncryption]: true,
  /** NODE_OPTIONS could --require arbitrary code into the main process. */
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  /** --inspect / --inspect-brk would open a debugger on the main process, which holds the API key. */
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  /** app.asar is checked against the hash embedded at package time: a patched bundle does not load. */
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  /** Only app.asar is loaded (no app/ folder next to it), so the integrity check cannot be sidestepped. */
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  /** We ship no browser-process V8 snapshot. */
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  /** The UI comes from app://, never file://, so file: pages need no extra privileges. */
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  /** Electron's default: WebAssembly bounds checks by signal handlers. */
  [FuseV1Options.WasmTrapHandlers]: true,
} as const satisfies FuseV1Config;

/** The wire byte each configured fuse must read back as. */
export function expectedFuseStates(): ReadonlyMap<FuseV1Options, FuseState> {
  const states = new Map<FuseV1Options, FuseState>();
  for (const [key, value] of Object.entries(ELECTRON_FUSES)) {
    const index = Number(key);
    if (Number.isInteger(index) && typeof value === 'boolean') states.set(index, value ? FuseState.ENABLE : FuseState.DISABLE);
  }
  return states;
}

/**
 * Flips the fuses in the Electron binary at `binaryPath` (the executable, or the `.app` bundle on macOS)
 * and reads them back: a fuse that did not take (a removed fuse, a wire too short) is an error, never a
 * silently weaker app. Returns the fuses as read back, by name.
 */
export async function applyElectronFuses(binaryPath: string, options: { resetAdHocDarwinSignature?: boolean } = {}): Promise<Record<string, boolean>> {
  await flipFuses(binaryPath, { ...ELECTRON_FUSES, resetAdHocDarwinSignature: options.resetAdHocDarwinSignature ?? false });
  const wire = await getCurrentFuseWire(binaryPath);
  const result: Record<string, boolean> = {};
  const wrong: string[] = [];
  for (const [fuse, expected] of expectedFuseStates()) {
    const actual = wire[fuse];
    const name = FuseV1Options[fuse];
    if (actual !== expected) wrong.push(`${name} reads ${actual === undefined ? 'absent' : String.fromCharCode(actual)}`);
    result[name] = actual === FuseState.ENABLE;
  }
  if (wrong.length > 0) throw new Error(`the Electron fuses did not take in ${binaryPath}: ${wrong.join(', ')}`);
  return result;
}
