import { create } from 'zustand';
import type { SettingsDto } from '#contract/market-dto';
import { describeBridgeError } from '../lib/bridge-errors.ts';
import { getBridge } from './bridge.ts';

interface SettingsState {
  settings?: SettingsDto;
  message?: { kind: 'ok' | 'error'; text: string };
  busy: boolean;
  load(): Promise<void>;
  setMode(mode: 'simulation' | 'paper'): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set) => ({
  busy: false,
  async load() {
    const r = await getBridge().invoke('settings:get', {});
    if (r.ok) set({ settings: r.value });
    else set({ message: { kind: 'error', text: describeBridgeError(r.error) } });
  },
  async setMode(mode) {
    set({ busy: true, message: undefined });
    const r = await getBridge().invoke('settings:mode', { mode });
    if (!r.ok) return set({ busy: false, message: { kind: 'error', text: describeBridgeError(r.error) } });
    const s = r.value;
    const text =
      s.savedMode === s.mode
        ? `The terminal stays in ${s.mode} mode.`
        : `Saved: the terminal starts in ${s.savedMode} mode next time. It runs in ${s.mode} mode until you restart it.`;
    set({ busy: false, settings: s, message: { kind: 'ok', text } });
  },
}));
