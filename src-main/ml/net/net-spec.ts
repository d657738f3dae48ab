import { z } from 'zod';

/**
 * The shape of a network, as data: the trainer builds the tfjs model from it, the exporter the ONNX
 * graph, and the manifest stores it, so the three cannot drift. Every network takes one float32 input
 * named `input` with a dynamic batch and has one named output per head.
 */
export const headSchema = z.object({
  name: z.string().regex(/^[a-z][a-z0-9_]*$/),
  units: z.number().int().min(1).max(64),
  activation: z.enum(['linear', 'sigmoid', 'softmax']),
});
export type Head = z.infer<typeof headSchema>;

const units = z.number().int().min(1).max(256);

export const netSpecSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('mlp'), features: units, hidden: z.array(units).max(4), heads: z.array(headSchema).min(1) }),
  z.object({ kind: z.literal('lstm'), steps: units, features: units, units, heads: z.array(headSchema).min(1) }),
  z.object({
    kind: z.literal('cnn1d'),
    steps: units,
    channels: units,
    convs: z.array(z.object({ filters: units, kernel: z.number().int().min(1).max(32) })).min(1).max(4),
    /** `average`: mean over time (shift-invariant); `flatten`: every step kept, time-major (where the shape is). */
    pool: z.enum(['average', 'flatten']),
    hidden: z.array(units).max(4),
    heads: z.array(headSchema).min(1),
  }),
]);
export type NetSpec = z.infer<typeof netSpecSchema>;

export const INPUT_NAME = 'input';

/** The input's dimensions after the batch: [features], [steps, features] or [steps, channels]. */
export function inputDims(spec: NetSpec): number[] {
  if (spec.kind === 'mlp') return [spec.features];
  if (spec.kind === 'lstm') return [spec.steps, spec.features];
  return [spec.steps, spec.channels];
}

export const inputSize = (spec: NetSpec): number => inputDims(spec).reduce((a, b) => a * b, 1);

/** A dense layer's weights: `kernel` is [in, out] row-major (the tfjs layout), `bias` [out]. */
export interface DenseWeights {
  readonly inputs: number;
  readonly units: number;
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

/** tfjs LSTM weights: kernel [F, 4H], recurrent [H, 4H], bias [4H], gates in order i, f, c, o. */
export interface LstmWeights {
  readonly kernel: Float32Array;
  readonly recurrent: Float32Array;
  readonly bias: Float32Array;
}

/** tfjs Conv1D weights: kernel [K, C, filters], bias [filters]. */
export interface ConvWeights {
  readonly kernel: Float32Array;
  readonly bias: Float32Array;
}

export interface NetWeights {
  readonly lstm?: LstmWeights;
  readonly convs: readonly ConvWeights[];
  readonly hidden: readonly DenseWeights[];
  readonly heads: readonly DenseWeights[];
}

/** Steps left after the "valid" convolutions. */
export function convSteps(spec: Extract<NetSpec, { kind: 'cnn1d' }>): number {
  return spec.convs.reduce((steps, c) => steps - c.kernel + 1, spec.steps);
}

/** Features reaching the first dense layer: the LSTM's units, the pooled or flattened convolutions, or the input. */
export function denseInputs(spec: NetSpec): number {
  if (spec.kind === 'mlp') return spec.features;
  if (spec.kind === 'lstm') return spec.units;
  const filters = spec.convs.at(-1)!.filters;
  return spec.pool === 'average' ? filters : filters * convSteps(spec);
}
