import { parentPort, workerData } from 'node:worker_threads';
import { trainAll, type TrainAllOptions, type TrainingProgress } from './train-all.ts';
import type { TrainingInput } from './dataset.ts';

/** What the training job hands its worker thread. */
export interface WorkerRequest {
  readonly input: TrainingInput;
  readonly options: Omit<TrainAllOptions, 'onProgress' | 'shouldStop' | 'now'>;
  /** Int32Array over a SharedArrayBuffer: set to 1 to stop. Read between batches, no message loop needed. */
  readonly cancel: Int32Array;
}

export type WorkerMessage = { readonly type: 'progress'; readonly progress: TrainingProgress } | { readonly type: 'result'; readonly result: ReturnType<typeof trainAll> };

/** Progress at most every 100 ms: a batch takes milliseconds and the UI needs a handful a second. */
const PROGRESS_EVERY_MS = 100;

if (parentPort) {
  const req = workerData as WorkerRequest;
  let last = 0;
  const result = trainAll(req.input, {
    ...req.options,
    shouldStop: () => Atomics.load(req.cancel, 0) === 1,
    now: () => performance.now(),
    onProgress: (progress) => {
      const t = performance.now();
      if (t - last < PROGRESS_EVERY_MS) return;
      last = t;
      parentPort!.postMessage({ type: 'progress', progress } satisfies WorkerMessage);
    },
  });
  parentPort.postMessage({ type: 'result', result } satisfies WorkerMessage);
}
