import { create } from 'zustand';
import type { SettingsDto } from '#contract/market-dto';
import { describeBridgeError } from '../lib/bridge-errors.ts';
import { getBridge } from './bridge.ts';

type SwitchableMode = 'simulation' | 'paper';

interface SettingsState {
  settings?: SettingsDto;
  message?: { kind: 'ok' | 'error'; text: string };
  busy: boolean;
  /** A switch waiting for the trader's confirmation. */
  confirming?: SwitchableMode;
  load(): Promise<void>;
  askMode(mode: SwitchableMode): void;
  cancelMode(): void;
  setMode(mode: SwitchableMode): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  busy: false,
  async load() {
    const r = await getBridge().invoke('settings:get', {});
    if (r.ok) set({ settings: r.value });
    else set({ message: { kind: 'error', text: describeBridgeError(r.error) } });
  },
  askMode(mode) {
    // Choosing the mode already running (after a hand-edited config.json) only saves it back: nothing to confirm.
    if (get().settings?.mode === mode) return void get().setMode(mode);
    set({ confirming: mode, message: undefined });
  },
  cancelMode: () => set({ confirming: undefined }),
  async setMode(mode) {
    set({ busy: true, confirming: undefined, message: { kind: 'ok', text: `Switching to ${mode} mode…` } });
    const from = get().settings?.mode;
    const r = await getBridge().invoke('settings:mode', { mode });
    if (!r.ok) return set({ busy: false, message: { kind: 'error', text: describeBridgeError(r.error) } });
    const s = r.value;
    const text = s.mode === from ? `The terminal stays in ${s.mode} mode.` : `Switched: the terminal runs in ${s.mode} mode.`;
    set({ busy: false, settings: s, message: { kind: 'ok', text } });
  },
}));
