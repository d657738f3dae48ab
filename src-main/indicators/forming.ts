import { FOLD_CHUNK, checkFields, checkFinite, type BarFields, type BarInput, type Indicator } from './indicator.ts';

/**
 * The forming-bar scaffolding every indicator shares, so an indicator file holds only its arithmetic.
 *
 * An indicator keeps its state as it stood after the last committed input and derives its outputs from
 * that state and the forming input (the last one, which a live bar may still revise):
 * - `update(x)` commits the forming input, if there is one (`commit`, then the count of committed inputs
 *   `n` grows), and computes `x` as the new forming input;
 * - `replace(x)` computes `x` again from the same committed state, so `replace(x)` after `update(y)` is
 *   exactly `update(x)`;
 * - `isReady` counts the committed inputs and the forming one against `warmUp`.
 * Both reject an invalid input before any state changes. `update` and `replace` are written once per
 * input kind below (`SeriesIndicator`, `BarIndicator`), so the input check is a direct call.
 *
 * A subclass writes `compute` (outputs from the committed state and the forming input; `revise` says
 * whether it replaces the previous forming input, for composites that drive inner indicators), `commit`
 * (fold the forming input into the committed state) and `clear` (its part of `reset`).
 */
export abstract class Forming<I> implements Indicator<I> {
  abstract readonly outputs: readonly string[];
  readonly warmUp: number;
  value = NaN;
  /** Committed inputs. */
  protected n = 0;
  protected pending = false;

  protected constructor(warmUp: number) {
    this.warmUp = warmUp;
  }

  get isReady(): boolean {
    return this.n + (this.pending ? 1 : 0) >= this.warmUp;
  }

  output(index: number): number {
    return index === 0 ? this.value : NaN;
  }

  reset(): void {
    this.n = 0;
    this.pending = false;
    this.value = NaN;
    this.clear();
  }

  abstract update(input: I): number;
  abstract replace(input: I): number;
  protected abstract compute(input: I, revise: boolean): number;
  protected abstract commit(): void;
  protected abstract clear(): void;

  /**
   * The skeleton of a batch fold over `len` inputs. `step(i)` is the streaming path for input i (`update`,
   * then store its outputs): it runs the warm-up and every input before `start`, where the steady-state
   * loop still lacks the history it reads back from the input columns. `run(from, to)` is that loop, on
   * local variables; it returns where it stopped (`to`, or a non-finite input, which `step` then rejects
   * with every earlier input applied) and leaves the indicator exactly where the updates would have.
   * Inputs go to `run` in chunks (FOLD_CHUNK, or `chunk` when syncing its state costs more): one
   * million-iteration loop would only ever run as on-stack-replaced code, several times slower.
   */
  protected drive(len: number, start: number, step: (i: number) => void, run: (from: number, to: number) => number, chunk = FOLD_CHUNK): void {
    let i = 0;
    while (i < len && (i < start || !this.isReady)) step(i++);
    while (i < len) {
      const to = Math.min(len, i + chunk);
      i = run(i, to);
      if (i < to) step(i++);
    }
  }
}

/** An indicator of one number per bar (a close, a volume, an IV). */
export abstract class SeriesIndicator extends Forming<number> {
  update(x: number): number {
    checkFinite(x, 'input');
    if (this.pending) {
      this.commit();
      this.n++;
    }
    this.pending = true;
    return this.compute(x, false);
  }

  replace(x: number): number {
    if (!this.pending) return this.update(x);
    checkFinite(x, 'input');
    return this.compute(x, true);
  }
}

/** An indicator of whole bars. */
export abstract class BarIndicator extends Forming<BarInput> {
  /** The fields it reads, and so rejects when not finite. */
  protected readonly fields: BarFields;

  protected constructor(warmUp: number, fields: BarFields = 'hlcv') {
    super(warmUp);
    this.fields = fields;
  }

  update(bar: BarInput): number {
    checkFields(bar, this.fields);
    if (this.pending) {
      this.commit();
      this.n++;
    }
    this.pending = true;
    return this.compute(bar, false);
  }

  replace(bar: BarInput): number {
    if (!this.pending) return this.update(bar);
    checkFields(bar, this.fields);
    return this.compute(bar, true);
  }
}
