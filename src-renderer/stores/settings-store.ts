import { create } from 'zustand';
import type { SettingsDto } from '#contract/market-dto';
import type { AccountDto } from '#contract/trading-dto';
import { describeBridgeError } from '../lib/bridge-errors.ts';
import { getBridge } from './bridge.ts';

type SwitchableMode = 'simulation' | 'paper';

/**
 * A switch asked for from this tab. The page reloads on the new engine's first word (stores/bridge.ts),
 * usually before the command's answer arrives, so the answer is told from the running mode after it.
 */
const SWITCH_KEY = 'terminal.v1.mode-switch';

interface SettingsState {
  settings?: SettingsDto;
  message?: { kind: 'ok' | 'error'; text: string };
  busy: boolean;
  /** A switch waiting for the trader's confirmation. */
  confirming?: SwitchableMode;
  /** The account a switch to live would arm, while its dialog is open. */
  liveAccount?: AccountDto;
  load(): Promise<void>;
  askMode(mode: SwitchableMode): void;
  cancelMode(): void;
  setMode(mode: SwitchableMode): Promise<void>;
  /** Opens the switch to live: asks the engine which account OpenAlgo trades for. */
  askLive(): Promise<void>;
  cancelLive(): void;
  /** The switch to live with its arming; the engine checks the word and the account again. */
  goLive(rememberToday: boolean, word: string): Promise<void>;
}

export const useSettingsStore = create<SettingsState>((set, get) => ({
  busy: false,
  async load() {
    const r = await getBridge().invoke('settings:get', {});
    if (!r.ok) return set({ message: { kind: 'error', text: describeBridgeError(r.error) } });
    const asked = sessionStorage.getItem(SWITCH_KEY);
    sessionStorage.removeItem(SWITCH_KEY);
    set({ settings: r.value, ...(asked !== null && asked === r.value.mode ? { message: { kind: 'ok', text: `Switched: the terminal runs in ${asked} mode.` } } : {}) });
  },
  askMode(mode) {
    // Choosing the mode already running (after a hand-edited config.json) only saves it back: nothing to confirm.
    if (get().settings?.mode === mode) return void get().setMode(mode);
    set({ confirming: mode, message: undefined });
  },
  cancelMode: () => set({ confirming: undefined }),
  async askLive() {
    set({ busy: true, message: { kind: 'ok', text: 'Asking OpenAlgo which account live orders would go to…' } });
    const r = await getBridge().invoke('settings:live:account', {});
    set(r.ok ? { busy: false, liveAccount: r.value, message: undefined } : { busy: false, message: { kind: 'error', text: describeBridgeError(r.error) } });
  },
  cancelLive: () => set({ liveAccount: undefined }),
  async goLive(rememberToday, word) {
    const account = get().liveAccount;
    if (!account) return;
    set({ busy: true, liveAccount: undefined, message: { kind: 'ok', text: 'Switching to live mode…' } });
    sessionStorage.setItem(SWITCH_KEY, 'live');
    const r = await getBridge().invoke('settings:live', { broker: account.broker, host: account.host, rememberToday, confirm: word });
    if (!r.ok) {
      if (get().settings?.mode !== 'live') sessionStorage.removeItem(SWITCH_KEY);
      return set({ busy: false, message: { kind: 'error', text: describeBridgeError(r.error) } });
    }
    set({ busy: false, settings: r.value, message: { kind: 'ok', text: 'Switched: the terminal runs in live mode.' } });
  },
  async setMode(mode) {
    set({ busy: true, confirming: undefined, message: { kind: 'ok', text: `Switching to ${mode} mode…` } });
    const from = get().settings?.mode;
    if (mode !== from) sessionStorage.setItem(SWITCH_KEY, mode);
    const r = await getBridge().invoke('settings:mode', { mode });
    if (!r.ok) {
      sessionStorage.removeItem(SWITCH_KEY);
      return set({ busy: false, message: { kind: 'error', text: describeBridgeError(r.error) } });
    }
    // Kept on success: the reload onto the new engine may still follow this answer, and reads it then.
    const s = r.value;
    const text = s.mode === from ? `The terminal stays in ${s.mode} mode.` : `Switched: the terminal runs in ${s.mode} mode.`;
    set({ busy: false, settings: s, message: { kind: 'ok', text } });
  },
}));
