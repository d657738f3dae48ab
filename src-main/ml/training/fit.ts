import { createRandom } from '#core/random';
import { Adam } from '../net/adam.ts';
import { inputSize } from '../net/net-spec.ts';
import type { Network } from '../net/network.ts';

/** Rows of flat input and, per head, flat targets ([n, units] row-major). */
export interface TrainingData {
  readonly n: number;
  readonly x: Float32Array;
  readonly y: readonly Float32Array[];
}

export interface FitOptions {
  readonly epochs: number;
  readonly batchSize: number;
  readonly learningRate: number;
  /** Seeds the per-epoch shuffle; the weights are seeded apart (`Network.init`). */
  readonly seed: number;
  /** Called after every batch. */
  readonly onBatch?: (p: { readonly epoch: number; readonly batch: number; readonly batches: number; readonly loss: number }) => void;
  /** Polled before every batch: true stops the fit where it is. */
  readonly shouldStop?: () => boolean;
}

export type FitResult = { readonly kind: 'done'; readonly epochLoss: readonly number[]; readonly samples: number } | { readonly kind: 'cancelled' };

/** Mini-batch Adam in a seeded order: the same seed gives the same weights bit for bit. */
export function fitNet(net: Network, data: TrainingData, o: FitOptions): FitResult {
  if (data.n === 0) throw new RangeError('no training samples');
  const rnd = createRandom(o.seed);
  const size = inputSize(net.spec);
  const adam = new Adam(net.params.length, o.learningRate);
  const grad = new Float64Array(net.params.length);
  const order = Array.from({ length: data.n }, (_, i) => i);
  const batches = Math.ceil(data.n / o.batchSize);
  const epochLoss: number[] = [];
  for (let epoch = 0; epoch < o.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = rnd.int(0, i);
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    let sum = 0;
    for (let b = 0; b < batches; b++) {
      if (o.shouldStop?.()) return { kind: 'cancelled' };
      grad.fill(0);
      const from = b * o.batchSize;
      const to = Math.min(data.n, from + o.batchSize);
      let loss = 0;
      for (let k = from; k < to; k++) {
        const row = order[k]!;
        net.forward(data.x, row * size);
        loss += net.backward(data.y, row, grad);
      }
      const m = to - from;
      for (let i = 0; i < grad.length; i++) grad[i]! /= m;
      adam.step(net.params, grad);
      sum += loss / m;
      o.onBatch?.({ epoch, batch: b, batches, loss: loss / m });
    }
    epochLoss.push(sum / batches);
  }
  return { kind: 'done', epochLoss, samples: data.n * o.epochs };
}
