import { create } from 'zustand';
import type { ModelComparisonDto, ModelKindDto, ModelsDto } from '#contract/model-dto';
import type { BridgeErrorDto, BridgeResult } from '#contract/dto';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import { toggleCompare } from './model-rows.ts';

export interface RetrainForm {
  readonly instruments: readonly string[];
  readonly from?: string;
  readonly to?: string;
  readonly promote: boolean;
}

interface ModelsState {
  view?: ModelsDto;
  /** Versions ticked for comparison (two of one kind). */
  picked: string[];
  comparison?: ModelComparisonDto;
  working: boolean;
  error?: string;
  /** The outcome of the last promotion, rollback or import. */
  done?: string;
  pick(modelId: string): void;
  promote(modelId: string): Promise<void>;
  rollback(kind: ModelKindDto): Promise<void>;
  retrain(form: RetrainForm): Promise<void>;
  cancelRetrain(): Promise<void>;
  importModel(kind: ModelKindDto, path: string): Promise<void>;
}

/** The ML models over the bridge (`models:*` and the `models` stream). */
export const useModelsStore = create<ModelsState>((set, get) => {
  const act = async <T>(run: () => Promise<BridgeResult<T>>, said: (v: T) => string): Promise<void> => {
    if (get().working) return;
    set({ working: true, error: undefined, done: undefined });
    const r = await run();
    set({ working: false, ...(r.ok ? { done: said(r.value) } : { error: describeBridgeError(r.error as BridgeErrorDto) }) });
  };
  const compare = async (): Promise<void> => {
    const [a, b] = get().picked;
    if (a === undefined || b === undefined) return set({ comparison: undefined });
    const r = await getBridge().invoke('models:compare', { a, b });
    if (r.ok) set({ comparison: r.value });
    else set({ error: describeBridgeError(r.error), comparison: undefined });
  };
  return {
    picked: [],
    working: false,
    pick(modelId) {
      const kindOf = (id: string) => get().view?.models.find((m) => m.modelId === id)?.kind;
      set({ picked: toggleCompare(get().picked, modelId, kindOf) });
      void compare();
    },
    promote: (modelId) =>
      act(
        () => getBridge().invoke('models:promote', { modelId }),
        (v) => {
          set({ view: v });
          return `${modelId} is in force: the bots' next evaluation runs it.`;
        },
      ),
    rollback: (kind) =>
      act(
        () => getBridge().invoke('models:rollback', { kind }),
        (v) => {
          set({ view: v });
          return `${kind}: back to ${v.slots.find((s) => s.kind === kind)?.modelId ?? 'the version before'}.`;
        },
      ),
    retrain: (form) =>
      act(
        () => getBridge().invoke('models:retrain', { instruments: [...form.instruments], ...(form.from ? { from: form.from } : {}), ...(form.to ? { to: form.to } : {}), ...(form.promote ? { promote: true } : {}) }),
        (j) => `${j.id} started; the bots keep the models in force until a new one is promoted.`,
      ),
    cancelRetrain: () => act(() => getBridge().invoke('models:retrain:cancel', {}), (j) => `${j.id}: asked to stop after the current batch.`),
    importModel: (kind, path) => act(() => getBridge().invoke('models:import', { kind, path }), (m) => `${m.modelId} registered from ${path}; promote it to put it in force.`),
  };
});

/** Follows the `models` stream while the panel is open. */
export function followModels(): () => void {
  const s = useModelsStore;
  return getBridge().subscribe('models', {}, {
    snapshot: (view) => s.setState({ view }),
    delta: (view) => s.setState({ view }),
    error: (e) => s.setState({ error: describeBridgeError(e) }),
  });
}
