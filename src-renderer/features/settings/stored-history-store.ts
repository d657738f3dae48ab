import { create } from 'zustand';
import type { HistoryListDto } from '#contract/history-dto';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import { historyFilter } from './history-rows.ts';

interface StoredHistoryState {
  listing?: HistoryListDto;
  error?: string;
  loading: boolean;
  /** The start of an instrument id the table is narrowed to, as typed. */
  filter: string;
  setFilter(filter: string): void;
  load(): Promise<void>;
}

/** What history the terminal's database holds (`data:history:list`), read on opening, on Refresh and after an import or download. */
export const useStoredHistoryStore = create<StoredHistoryState>((set, get) => ({
  loading: false,
  filter: '',
  setFilter: (filter) => set({ filter }),
  async load() {
    set({ loading: true, error: undefined });
    const r = await getBridge().invoke('data:history:list', historyFilter(get().filter));
    set(r.ok ? { loading: false, listing: r.value } : { loading: false, error: describeBridgeError(r.error) });
  },
}));
