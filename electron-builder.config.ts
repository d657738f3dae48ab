// Installers: AppImage and deb (Linux), NSIS (Windows), dmg (macOS). `npm run dist` builds the app
// (out/) and packs it for the machine it runs on; `npm run dist -- --win` etc. for another platform
// where electron-builder can (see the README's Installers section). Checked by scripts/dist.test.ts. Not named
// electron-builder.ts, which tools would take for the package itself: `npm run dist` passes --config.
import type { Configuration } from 'electron-builder';

const config: Configuration = {
  appId: 'in.trading-terminal.app',
  productName: 'Trading Terminal',
  executableName: 'trading-terminal',
  copyright: 'Copyright © 2026 Trading Terminal contributors',
  directories: { output: 'dist', buildResources: 'resources/icons' },
  // The built app and what it ships; production dependencies are added by electron-builder itself
  // (never devDependencies). Source maps stay out of the installer.
  files: ['package.json', 'out/**', 'resources/**', '!out/**/*.map'],
  asar: true,
  // better-sqlite3 and onnxruntime-node ship N-API prebuilds, which load in Electron as they are; a
  // rebuild would compile other packages' optional addons (msgpackr-extract) into node_modules.
  npmRebuild: false,
  // Native code cannot read inside app.asar: the N-API addons, their shared libraries, and the ONNX
  // models the native runtime opens by path.
  asarUnpack: ['node_modules/better-sqlite3/**/*.node', 'node_modules/onnxruntime-node/bin/**', 'resources/models/**'],
  // Fuses are flipped in the packed binary before signing (src-main/electron/fuses.ts).
  afterPack: './scripts/electron-fuses.ts',
  linux: {
    target: ['AppImage', 'deb'],
    icon: 'resources/icons/icon.png',
    category: 'Finance',
    synopsis: 'Trading terminal for Indian index options and futures',
    maintainer: 'Trading Terminal contributors <terminal@invalid>',
  },
  deb: { priority: 'optional' },
  win: { target: ['nsis'], icon: 'resources/icons/icon.ico' },
  nsis: { oneClick: false, perMachine: false, allowToChangeInstallationDirectory: true, createDesktopShortcut: true },
  mac: { target: ['dmg'], icon: 'resources/icons/icon.icns', category: 'public.app-category.finance', hardenedRuntime: true },
  dmg: { title: 'Trading Terminal ${version}' },
};

export default config;
