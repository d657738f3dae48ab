import fs from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '#core/result';
import type { ModelKind } from '../models/catalog.ts';
import { manifestText, type ModelManifest } from '../models/manifest.ts';
import { loadModel, type LoadedModel } from '../runtime/load-model.ts';

export const manifestPathOf = (onnxPath: string): string => onnxPath.replace(/\.onnx$/i, '') + '.json';

/** Reads an .onnx file and the manifest beside it and loads them against the kind's contract. */
export function loadModelFiles(kind: ModelKind, onnxPath: string, expectedSha256?: string, manifestPath = manifestPathOf(onnxPath)): Result<LoadedModel, { readonly reason: string }> {
  let onnx: Uint8Array;
  let manifest: unknown;
  try {
    onnx = fs.readFileSync(onnxPath);
  } catch (e) {
    return err({ reason: `cannot read ${onnxPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
  }
  try {
    manifest = JSON.parse(fs.readFileSync(manifestPath, 'utf8'));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return err({ reason: code ? `cannot read its manifest ${manifestPath}: ${code}` : `its manifest ${manifestPath} is not JSON: ${(e as Error).message}` });
  }
  return loadModel({ kind, onnx, manifest, ...(expectedSha256 ? { expectedSha256 } : {}) });
}

/**
 * Writes a model and its manifest into `dir` as `<name>.onnx` / `<name>.json`, each through a temporary
 * file renamed into place (mode 0600, like everything in the data folder): a crash leaves the old file or
 * the new one, never half of one. The manifest is written last, so a manifest always has its model.
 */
export function writeModelFiles(
  dir: string,
  name: string,
  onnx: Uint8Array,
  manifest: ModelManifest,
): Result<{ readonly onnxPath: string; readonly manifestPath: string; readonly manifest: ModelManifest }, { readonly message: string }> {
  const onnxPath = path.join(dir, `${name}.onnx`);
  const manifestPath = path.join(dir, `${name}.json`);
  const written: ModelManifest = { ...manifest, onnx: { ...manifest.onnx, file: `${name}.onnx` } };
  try {
    fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
    atomicWrite(onnxPath, onnx);
    atomicWrite(manifestPath, manifestText(written));
    return ok({ onnxPath, manifestPath, manifest: written });
  } catch (e) {
    return err({ message: `cannot write model ${name} into ${dir}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}` });
  }
}

function atomicWrite(file: string, data: Uint8Array | string): void {
  const tmp = `${file}.tmp-${process.pid}`;
  const fd = fs.openSync(tmp, 'w', 0o600);
  try {
    fs.writeSync(fd, typeof data === 'string' ? Buffer.from(data) : data);
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  fs.renameSync(tmp, file);
}
