import { Tensor } from 'onnxruntime-node';
import { binding, initOrt } from 'onnxruntime-node/dist/binding.js';
import { err, ok, type Result } from '#core/result';

/**
 * One warm onnxruntime session, run synchronously. The public `InferenceSession.run` is async only by
 * wrapping the native call in `setImmediate`; a bot hook is synchronous and a backtest must not depend on
 * event-loop turns, so this uses onnxruntime-node's native binding (`dist/binding`, its own "simple
 * synchronized inference session") directly. `ort-session.test.ts` pins it against the public API, so
 * an upgrade that changes it fails there, not in a bot.
 */
export interface TensorInfo {
  readonly name: string;
  /** `float32`, `int64`, …, or `non-tensor`. */
  readonly type: string;
  /** A number for a fixed dimension, a string (possibly empty) for a symbolic one. */
  readonly dims: readonly (number | string)[];
}

export interface OrtModel {
  readonly inputs: readonly TensorInfo[];
  readonly outputs: readonly TensorInfo[];
  /** Runs the single float32 input (`batch` rows) and returns every output's data. Throws what onnxruntime throws. */
  run(input: Float32Array, dims: readonly number[]): Readonly<Record<string, Float32Array>>;
  /** Runs a graph of several float32 inputs in one native call (every input fed) and returns every output's data. */
  runFeeds(feeds: Readonly<Record<string, { readonly data: Float32Array; readonly dims: readonly number[] }>>): Readonly<Record<string, Float32Array>>;
  dispose(): void;
}

const TYPES: Readonly<Record<number, string>> = { 1: 'float32', 2: 'uint8', 3: 'int8', 5: 'int16', 6: 'int32', 7: 'int64', 8: 'string', 9: 'bool', 10: 'float16', 11: 'float64' };

/** One thread per session: the machine's cores are shared by the engine, the bots and every model. */
const OPTIONS = { intraOpNumThreads: 1, interOpNumThreads: 1, executionMode: 'sequential', graphOptimizationLevel: 'all', logSeverityLevel: 3 } as const;

interface RawMeta {
  readonly name: string;
  readonly isTensor: boolean;
  readonly type: number;
  readonly shape: readonly number[];
  readonly symbolicDimensions: readonly string[];
}

function describe(m: RawMeta): TensorInfo {
  if (!m.isTensor) return { name: m.name, type: 'non-tensor', dims: [] };
  return { name: m.name, type: TYPES[m.type] ?? `type ${m.type}`, dims: m.shape.map((d, i) => (d >= 0 ? d : (m.symbolicDimensions[i] ?? ''))) };
}

/** Loads a model from its bytes; a file onnxruntime cannot read is a typed error with its message. */
export function loadOrtModel(bytes: Uint8Array): Result<OrtModel, { readonly message: string }> {
  initOrt();
  const session = new binding.InferenceSession();
  try {
    session.loadModel(bytes.buffer as ArrayBuffer, bytes.byteOffset, bytes.byteLength, OPTIONS);
  } catch (e) {
    return err({ message: `onnxruntime cannot load it: ${firstLine((e as Error).message)}` });
  }
  const inputs = (session.inputMetadata as RawMeta[]).map(describe);
  const outputs = (session.outputMetadata as RawMeta[]).map(describe);
  const fetches = Object.fromEntries(outputs.map((o) => [o.name, null]));
  const inputName = inputs[0]?.name ?? '';
  const collect = (result: Record<string, unknown>): Record<string, Float32Array> => {
    const out: Record<string, Float32Array> = {};
    for (const o of outputs) {
      const t = result[o.name] as { data?: unknown } | undefined;
      if (!(t?.data instanceof Float32Array)) throw new TypeError(`output ${o.name} is not float32`);
      out[o.name] = t.data;
    }
    return out;
  };
  // A Tensor wraps its array without copying, and building one is a good part of a small model's call: each
  // input keeps the last one made, reused while the caller feeds the same array (refilled) with the same dims.
  const kept = new Map<string, Tensor>();
  const tensorOf = (name: string, data: Float32Array, dims: readonly number[]): Tensor => {
    const t = kept.get(name);
    if (t && t.data === data && t.dims.length === dims.length && t.dims.every((d, k) => d === dims[k])) return t;
    const made = new Tensor('float32', data, [...dims]);
    kept.set(name, made);
    return made;
  };
  return ok({
    inputs,
    outputs,
    run: (input, dims) => collect(session.run({ [inputName]: new Tensor('float32', input, [...dims]) }, fetches, {})),
    runFeeds(feeds) {
      const tensors: Record<string, Tensor> = {};
      for (const i of inputs) {
        const f = feeds[i.name];
        if (!f) throw new RangeError(`input ${i.name} is not fed`);
        tensors[i.name] = tensorOf(i.name, f.data, f.dims);
      }
      return collect(session.run(tensors, fetches, {}));
    },
    dispose: () => session.dispose(),
  });
}

const firstLine = (s: string): string => s.split('\n')[0]!.trim();
