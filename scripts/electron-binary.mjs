// Where Electron's runtime is, without triggering the download that `require('electron')` starts when
// the binary is missing (machines without internet must not try it from a test).
import fs from 'node:fs';
import path from 'node:path';

export function installedElectronBinary(root = process.cwd()) {
  const dir = path.join(root, 'node_modules', 'electron');
  const pathFile = path.join(dir, 'path.txt');
  if (!fs.existsSync(pathFile)) return undefined;
  const binary = path.join(process.env.ELECTRON_OVERRIDE_DIST_PATH ?? path.join(dir, 'dist'), fs.readFileSync(pathFile, 'utf8').trim());
  return fs.existsSync(binary) ? binary : undefined;
}
