import { describe, expect, it } from 'vitest';
import type { RetrainJobDto } from '#contract/model-dto';
import { calibrationErrors, canRollBack, jobLine, toggleCompare } from './model-rows.ts';

describe('the models panel’s rows', () => {
  it('weighs each calibration bin by its samples', () => {
    const m = {
      calibration: {
        p_up: [
          { from: 0, to: 0.5, n: 30, predicted: 0.4, observed: 0.5 },
          { from: 0.5, to: 1, n: 10, predicted: 0.7, observed: 0.6 },
        ],
        empty: [{ from: 0, to: 1, n: 0, predicted: 0.5, observed: 0 }],
      },
    };
    const [pUp, empty] = calibrationErrors(m);
    expect(pUp!.output).toBe('p_up');
    expect(pUp!.ece).toBeCloseTo((30 * 0.1 + 10 * 0.1) / 40, 12);
    expect(pUp!.samples).toBe(40);
    expect(empty).toEqual({ output: 'empty', ece: null, samples: 0 });
  });

  it('compares two versions of one kind at a time', () => {
    const kindOf = (id: string) => id.split('@')[0] as 'regime' | 'rsi-lstm';
    expect(toggleCompare([], 'regime@1', kindOf)).toEqual(['regime@1']);
    expect(toggleCompare(['regime@1'], 'regime@2', kindOf)).toEqual(['regime@1', 'regime@2']);
    expect(toggleCompare(['regime@1', 'regime@2'], 'regime@3', kindOf)).toEqual(['regime@2', 'regime@3']);
    expect(toggleCompare(['regime@1', 'regime@2'], 'rsi-lstm@1', kindOf)).toEqual(['rsi-lstm@1']);
    expect(toggleCompare(['regime@1', 'regime@2'], 'regime@1', kindOf)).toEqual(['regime@2']);
  });

  it('offers a rollback only where a kind has another version and one in force', () => {
    expect(canRollBack([{ kind: 'regime', active: true }], 'regime')).toBe(false);
    expect(canRollBack([{ kind: 'regime', active: true }, { kind: 'regime', active: false }], 'regime')).toBe(true);
    expect(canRollBack([{ kind: 'regime', active: false }, { kind: 'regime', active: false }], 'regime')).toBe(false);
  });

  it('says where a retraining is', () => {
    const base: RetrainJobDto = { id: 'retrain-2', state: 'training', startedAt: 0, instruments: ['NSE_INDEX:NIFTY'], data: [], progress: { kind: 'regime', index: 1, of: 4, epoch: 2, epochs: 30, fraction: 0.3, loss: 0.5 }, results: [] };
    expect(jobLine(base)).toBe('retrain-2: training regime (2 of 4), epoch 3 of 30 · 30 %');
    expect(jobLine({ ...base, state: 'done', results: [{ kind: 'regime', ok: true, modelId: 'regime@3', promoted: false }, { kind: 'rsi-lstm', ok: false, message: 'too few samples' }], message: '1 of 2 model(s) not trained' })).toBe(
      'retrain-2 done: registered regime@3; 1 of 2 model(s) not trained',
    );
    expect(jobLine({ ...base, state: 'cancelled', message: 'cancelled: nothing was registered' })).toBe('retrain-2: cancelled: nothing was registered');
    expect(jobLine({ ...base, state: 'failed', message: 'no bars stored' })).toBe('retrain-2 failed: no bars stored');
  });
});
