import fs from 'node:fs';
import path from 'node:path';
import { err, ok, type Result } from '#core/result';
import { MODEL_KINDS } from '#ml/models/catalog';
import { parseManifest } from '#ml/models/manifest';
import type { ModelRecord } from '#ml/registry/registry-port';
import { writeModelFiles } from '#ml/service/model-files';
import type { ModelUsed } from './ml-compare.ts';

/**
 * A folder holding one model of each kind as `<kind>.onnx` + `<kind>.json`, the layout of the app's shipped
 * defaults: a backtest engine given it as its shipped folder loads exactly these models. `records` are the
 * models chosen (the ones in force in the trader's data folder); a kind without one keeps the shipped default.
 */
export function writeModelSet(o: { readonly dir: string; readonly shippedDir: string; readonly modelsDir: string; readonly records: readonly ModelRecord[] }): Result<readonly ModelUsed[], string> {
  const used: ModelUsed[] = [];
  for (const kind of MODEL_KINDS) {
    const record = o.records.find((r) => r.kind === kind);
    const onnxPath = record ? path.join(record.location === 'shipped' ? o.shippedDir : o.modelsDir, record.file) : path.join(o.shippedDir, `${kind}.onnx`);
    let onnx: Uint8Array;
    let json: unknown;
    try {
      onnx = fs.readFileSync(onnxPath);
      json = JSON.parse(fs.readFileSync(onnxPath.replace(/\.onnx$/i, '.json'), 'utf8'));
    } catch (e) {
      return err(`cannot read the ${kind} model ${onnxPath}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    const manifest = parseManifest(json);
    if (!manifest.ok) return err(`the ${kind} model ${onnxPath}: ${manifest.reason}`);
    const written = writeModelFiles(o.dir, kind, onnx, manifest.manifest);
    if (!written.ok) return err(written.error.message);
    const data = manifest.manifest.data;
    used.push({ modelId: record?.modelId ?? `${kind} (shipped)`, source: data?.source ?? 'unknown', ...(data ? { from: data.from, to: data.to } : {}) });
  }
  return ok(used);
}
