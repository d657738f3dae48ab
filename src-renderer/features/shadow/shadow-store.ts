import { create } from 'zustand';
import type { ComparisonDto, VariantDto } from '#contract/risk-analytics-dto';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { getBridge } from '#renderer/stores/bridge.ts';

/** How often the open list and comparisons are read again. */
export const SHADOW_REFRESH_MS = 10_000;

export interface StartInput {
  readonly botId: string;
  readonly label: string;
  readonly params?: Record<string, unknown>;
  readonly sizing?: Record<string, unknown> | null;
}

interface ShadowState {
  variants: VariantDto[];
  comparisons: Record<string, ComparisonDto>;
  /** The variant whose comparison is open. */
  open?: string;
  /** The variant waiting for the trader's confirmation to be promoted. */
  confirming?: string;
  working: boolean;
  error?: string;
  /** The outcome of the last start, promotion or stop. */
  done?: string;
  refresh(): Promise<void>;
  toggle(variantId: string): Promise<void>;
  start(input: StartInput): Promise<boolean>;
  stop(variantId: string): Promise<void>;
  askPromote(variantId: string): Promise<void>;
  cancelPromote(): void;
  confirmPromote(): Promise<void>;
}

/** Shadow A/B variants over the bridge (`shadow:*`): list, start, compare, stop, promote with confirmation. */
export const useShadowStore = create<ShadowState>((set, get) => {
  const compare = async (variantId: string): Promise<void> => {
    const r = await getBridge().invoke('shadow:compare', { variantId });
    if (r.ok) set({ comparisons: { ...get().comparisons, [variantId]: r.value } });
    else set({ error: describeBridgeError(r.error) });
  };
  const act = async (run: () => Promise<{ ok: true; value: VariantDto } | { ok: false; error: Parameters<typeof describeBridgeError>[0] }>, said: (v: VariantDto) => string): Promise<boolean> => {
    if (get().working) return false;
    set({ working: true, error: undefined, done: undefined });
    const r = await run();
    set({ working: false, ...(r.ok ? { done: said(r.value) } : { error: describeBridgeError(r.error) }) });
    await get().refresh();
    return r.ok;
  };
  return {
    variants: [],
    comparisons: {},
    working: false,
    async refresh() {
      const r = await getBridge().invoke('shadow:list', {});
      if (!r.ok) return set({ error: describeBridgeError(r.error) });
      set({ variants: r.value });
      const open = get().open;
      if (open) await compare(open);
    },
    async toggle(variantId) {
      if (get().open === variantId) return set({ open: undefined });
      set({ open: variantId });
      await compare(variantId);
    },
    start: (input) =>
      act(
        () => getBridge().invoke('shadow:start', { botId: input.botId, label: input.label, ...(input.params ? { params: input.params as never } : {}), ...(input.sizing !== undefined ? { sizing: input.sizing } : {}) }),
        (v) => `Variant ${v.variantId} runs on paper beside ${v.botId}.`,
      ),
    async stop(variantId) {
      await act(() => getBridge().invoke('shadow:stop', { variantId }), (v) => `Variant ${v.variantId} stopped; its trades stay for the comparison.`);
    },
    async askPromote(variantId) {
      set({ confirming: variantId, error: undefined });
      await compare(variantId);
    },
    cancelPromote: () => set({ confirming: undefined }),
    async confirmPromote() {
      const variantId = get().confirming;
      if (!variantId) return;
      const ok = await act(() => getBridge().invoke('shadow:promote', { variantId }), (v) => `${v.botId} now runs on the settings of ${v.variantId} (audited).`);
      if (ok) set({ confirming: undefined });
    },
  };
});

/** Follows the variants while the bots panel is open. */
export function followShadows(): () => void {
  void useShadowStore.getState().refresh();
  const timer = setInterval(() => void useShadowStore.getState().refresh(), SHADOW_REFRESH_MS);
  return () => clearInterval(timer);
}
