import type { ModelKind } from '../models/catalog.ts';
import type { LoadedModel } from '../runtime/load-model.ts';

export type SlotStatus =
  | { readonly state: 'available'; readonly modelId: string }
  | { readonly state: 'not-available'; readonly reason: string; readonly modelId?: string };

/**
 * Where one kind's warm model lives. A promotion swaps the model in between two calls (hot reload); a
 * model that fails to run empties the slot with the reason, so its source says "not available" and the
 * bot carries on without it.
 */
export class ModelSlot {
  readonly kind: ModelKind;
  private model: LoadedModel | undefined;
  private id: string | undefined;
  private why: string;
  /** Bumped on every change, so cached outputs of the previous model are not reused. */
  generation = 0;

  constructor(kind: ModelKind) {
    this.kind = kind;
    this.why = 'no model installed';
  }

  get current(): LoadedModel | undefined {
    return this.model;
  }

  get modelId(): string | undefined {
    return this.id;
  }

  status(): SlotStatus {
    if (this.model && this.id) return { state: 'available', modelId: this.id };
    return { state: 'not-available', reason: this.why, ...(this.id ? { modelId: this.id } : {}) };
  }

  /** Puts a loaded model in; the one it replaces is released. */
  install(modelId: string, model: LoadedModel): void {
    const old = this.model;
    this.model = model;
    this.id = modelId;
    this.generation++;
    old?.dispose();
  }

  /** Empties the slot, keeping why (and which model it was, if any). */
  disable(reason: string, modelId = this.id): void {
    const old = this.model;
    this.model = undefined;
    this.id = modelId;
    this.why = reason;
    this.generation++;
    old?.dispose();
  }

  /** Runs the model, or empties the slot with the error and returns undefined: a bot never sees the throw. */
  run(input: Float32Array, batch: number): Readonly<Record<string, Float32Array>> | undefined {
    const m = this.model;
    if (!m) return undefined;
    try {
      return m.run(input, batch);
    } catch (e) {
      this.disable(`${this.id} failed to run: ${(e as Error).message.split('\n')[0]}`);
      return undefined;
    }
  }
}

export type ModelSlots = Readonly<Record<ModelKind, ModelSlot>>;

export function createSlots(): ModelSlots {
  return { 'rsi-lstm': new ModelSlot('rsi-lstm'), 'pattern-cnn': new ModelSlot('pattern-cnn'), 'break-validator': new ModelSlot('break-validator'), regime: new ModelSlot('regime') };
}
