import { create } from 'zustand';
import type { BacktestDto, BacktestResultDto, BacktestStartInput } from '#contract/backtest-dto';
import type { BotParamsDto } from '#contract/bot-dto';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import type { DraftValue } from '#renderer/features/bots/param-draft.ts';
import type { FormErrors } from './run-form.ts';
import { mergeRun, renameCompared, toggleCompared } from './runs.ts';

/** What the trader has typed into the run form; kept here so it survives the switch to full screen and back. */
export interface FormDraft {
  readonly chosen: readonly string[];
  readonly drafts: Readonly<Record<string, Readonly<Record<string, DraftValue>>>>;
  /** The days set by the trader; the week before the engine's day until then. */
  readonly range?: { readonly from: string; readonly to: string };
  readonly source: 'simulator' | 'history';
  readonly seed: string;
  readonly label: string;
  readonly errors: FormErrors;
}

interface BacktestState {
  /** Running backtests and the kept runs, newest first. */
  runs: BacktestDto[];
  /** Results loaded so far, by run id. */
  results: Record<string, BacktestResultDto>;
  /** Runs shown in the results: one, or several side by side. */
  compared: string[];
  /** Each bot's parameters as the engine reports them, for the run form. */
  params: Record<string, BotParamsDto>;
  /** Why the last start, cancel or load failed. */
  error?: string;
  starting: boolean;
  form: FormDraft;
  setForm(patch: Partial<FormDraft>): void;
  start(input: BacktestStartInput): Promise<boolean>;
  cancel(id: string): Promise<void>;
  toggle(id: string): void;
  /** Loads the result of every compared run that is done and not loaded yet. */
  loadResults(): void;
  /** Saves a run's HTML report (made by the engine) or its whole result as JSON, through the browser's download. */
  download(id: string, kind: 'html' | 'json'): Promise<void>;
  loadParams(botId: string): Promise<void>;
}

function saveFile(text: string, type: string, name: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  a.click();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

export const useBacktestStore = create<BacktestState>((set, get) => {
  const load = async (id: string): Promise<void> => {
    if (get().results[id]) return;
    const r = await getBridge().invoke('backtest:get', { id });
    if (!r.ok) return set({ error: describeBridgeError(r.error) });
    if (r.value.result) set({ results: { ...get().results, [r.value.backtest.id]: r.value.result } });
  };
  return {
    runs: [],
    results: {},
    compared: [],
    params: {},
    starting: false,
    form: { chosen: [], drafts: {}, source: 'simulator', seed: '1', label: '', errors: {} },
    setForm: (patch) => set({ form: { ...get().form, ...patch } }),
    async start(input) {
      set({ starting: true, error: undefined });
      const r = await getBridge().invoke('backtest:start', input);
      set({ starting: false });
      if (!r.ok) {
        set({ error: describeBridgeError(r.error) });
        return false;
      }
      set({ runs: mergeRun(get().runs, r.value), compared: toggleCompared(get().compared.filter((x) => x !== r.value.id), r.value.id) });
      return true;
    },
    async cancel(id) {
      const r = await getBridge().invoke('backtest:cancel', { id });
      if (!r.ok) set({ error: describeBridgeError(r.error) });
    },
    toggle(id) {
      set({ compared: toggleCompared(get().compared, id) });
      get().loadResults();
    },
    loadResults() {
      for (const x of get().compared) {
        if (get().runs.find((b) => b.id === x)?.state === 'done') void load(x);
      }
    },
    async download(id, kind) {
      if (kind === 'json') {
        const result = get().results[id];
        if (result) saveFile(JSON.stringify(result, null, 2), 'application/json', `backtest-${id}.json`);
        return;
      }
      const r = await getBridge().invoke('backtest:report', { id });
      if (!r.ok) return set({ error: describeBridgeError(r.error) });
      saveFile(r.value.html, 'text/html', r.value.fileName);
    },
    async loadParams(botId) {
      if (get().params[botId]) return;
      const r = await getBridge().invoke('bot:params:get', { botId });
      if (r.ok) set({ params: { ...get().params, [botId]: r.value } });
      else set({ error: describeBridgeError(r.error) });
    },
  };
});

/** Follows the `backtests` stream while the panel is open; a compared run that finishes loads its result. */
export function followBacktests(): () => void {
  const s = useBacktestStore;
  return getBridge().subscribe('backtests', {}, {
    snapshot: (runs) => {
      s.setState({ runs });
      s.getState().loadResults();
    },
    delta: (b) => {
      const compared = renameCompared(s.getState().compared, b);
      s.setState({ runs: mergeRun(s.getState().runs, b), compared });
      if (b.state === 'done') s.getState().loadResults();
    },
  });
}
