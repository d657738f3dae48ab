import { denseInputs, type Head, type NetSpec, type NetWeights } from './net-spec.ts';

/** Where one tensor lives in the flat parameter vector. */
export interface Slot {
  readonly offset: number;
  readonly size: number;
}

export interface DenseSlot {
  readonly kernel: Slot;
  readonly bias: Slot;
  readonly inputs: number;
  readonly units: number;
}

export interface ConvSlot {
  readonly kernel: Slot;
  readonly bias: Slot;
  readonly kernelSize: number;
  readonly channels: number;
  readonly filters: number;
  /** Steps in and out of the layer ("valid" convolution). */
  readonly stepsIn: number;
  readonly stepsOut: number;
}

export interface LstmSlot {
  readonly kernel: Slot;
  readonly recurrent: Slot;
  readonly bias: Slot;
  readonly steps: number;
  readonly features: number;
  readonly units: number;
}

/**
 * Every parameter of a network in one flat vector (what Adam updates), each tensor in the tfjs layout:
 * dense kernels [in, out], Conv1D kernels [K, C, F], LSTM kernels [F, 4H] and [H, 4H] with gates i, f, c, o.
 */
export interface Layout {
  readonly size: number;
  readonly lstm?: LstmSlot;
  readonly convs: readonly ConvSlot[];
  readonly hidden: readonly DenseSlot[];
  readonly heads: readonly (DenseSlot & { readonly head: Head })[];
}

export function layoutOf(spec: NetSpec): Layout {
  let offset = 0;
  const slot = (size: number): Slot => {
    const s = { offset, size };
    offset += size;
    return s;
  };
  const dense = (inputs: number, units: number): DenseSlot => ({ kernel: slot(inputs * units), bias: slot(units), inputs, units });
  let lstm: LstmSlot | undefined;
  const convs: ConvSlot[] = [];
  if (spec.kind === 'lstm') {
    const h = spec.units;
    lstm = { kernel: slot(spec.features * 4 * h), recurrent: slot(h * 4 * h), bias: slot(4 * h), steps: spec.steps, features: spec.features, units: h };
  }
  if (spec.kind === 'cnn1d') {
    let channels = spec.channels;
    let steps = spec.steps;
    for (const c of spec.convs) {
      const stepsOut = steps - c.kernel + 1;
      if (stepsOut < 1) throw new RangeError(`a kernel of ${c.kernel} does not fit ${steps} steps`);
      convs.push({ kernel: slot(c.kernel * channels * c.filters), bias: slot(c.filters), kernelSize: c.kernel, channels, filters: c.filters, stepsIn: steps, stepsOut });
      channels = c.filters;
      steps = stepsOut;
    }
  }
  let width = denseInputs(spec);
  const hidden = (spec.kind === 'lstm' ? [] : spec.hidden).map((units) => {
    const d = dense(width, units);
    width = units;
    return d;
  });
  const heads = spec.heads.map((head) => ({ ...dense(width, head.units), head }));
  return { size: offset, ...(lstm ? { lstm } : {}), convs, hidden, heads };
}

/** The parameters as float32 tensors in the exporter's (tfjs) layout. */
export function weightsOf(layout: Layout, p: Float64Array): NetWeights {
  const f32 = (s: Slot) => Float32Array.from(p.subarray(s.offset, s.offset + s.size));
  const dense = (d: DenseSlot) => ({ inputs: d.inputs, units: d.units, kernel: f32(d.kernel), bias: f32(d.bias) });
  return {
    ...(layout.lstm ? { lstm: { kernel: f32(layout.lstm.kernel), recurrent: f32(layout.lstm.recurrent), bias: f32(layout.lstm.bias) } } : {}),
    convs: layout.convs.map((c) => ({ kernel: f32(c.kernel), bias: f32(c.bias) })),
    hidden: layout.hidden.map(dense),
    heads: layout.heads.map(dense),
  };
}
