import { create } from 'zustand';
import type { ConnectionDto, ConnectionTestDto } from '#contract/dto';
import { describeBridgeError } from '../lib/bridge-errors.ts';
import { formatInr } from '../lib/format.ts';
import { getBridge } from './bridge.ts';
import { changesOf, checkConnectionForm, describeSave, type ConnectionForm } from './connection-form.ts';

export type { ConnectionForm } from './connection-form.ts';

export type Outcome = { kind: 'ok' | 'error' | 'busy' | 'info'; text: string; field?: keyof ConnectionForm };

interface ConnectionState {
  profile?: ConnectionDto;
  outcome?: Outcome;
  load(): Promise<void>;
  test(form: ConnectionForm): Promise<void>;
  /** Resolves true when something was saved (the form then forgets the typed key). */
  save(form: ConnectionForm): Promise<boolean>;
  /** Reconnects the market data feed now (after the trader logged in to the broker in OpenAlgo). */
  reconnect(): Promise<void>;
}

export function describeTest(r: ConnectionTestDto): string {
  const analyzer = r.analyzeMode ? ' · analyzer mode ON' : '';
  return `Connected to ${r.broker} in ${Math.round(r.latencyMs)} ms · available ${formatInr(r.availableCash)} · used ${formatInr(r.usedMargin)} · market data WebSocket answered${analyzer}`;
}

export const useConnectionStore = create<ConnectionState>((set, get) => ({
  async load() {
    const r = await getBridge().invoke('connection:get', {});
    if (r.ok) set({ profile: r.value });
    else set({ outcome: { kind: 'error', text: describeBridgeError(r.error) } });
  },
  async test(form) {
    const checked = checkConnectionForm(form);
    if (!checked.ok) return set({ outcome: { kind: 'error', text: checked.message, field: checked.field } });
    set({ outcome: { kind: 'busy', text: 'Testing the REST API and the WebSocket…' } });
    const r = await getBridge().invoke('connection:test', checked.input);
    set({ outcome: r.ok ? { kind: 'ok', text: describeTest(r.value) } : { kind: 'error', text: describeBridgeError(r.error) } });
  },
  async save(form) {
    const profile = get().profile;
    const checked = checkConnectionForm(form);
    if (!checked.ok) {
      set({ outcome: { kind: 'error', text: checked.message, field: checked.field } });
      return false;
    }
    const changes = profile ? changesOf(checked.input, profile) : checked.input;
    if (!changes) {
      set({ outcome: { kind: 'info', text: 'Nothing to save: the URLs are as saved and no new API key was typed.' } });
      return false;
    }
    set({ outcome: { kind: 'busy', text: 'Saving…' } });
    const r = await getBridge().invoke('connection:save', changes);
    if (!r.ok) {
      set({ outcome: { kind: 'error', text: describeBridgeError(r.error) } });
      return false;
    }
    set({ profile: r.value, outcome: { kind: 'ok', text: describeSave(changes, r.value) } });
    return true;
  },
  async reconnect() {
    set({ outcome: { kind: 'busy', text: 'Reconnecting…' } });
    const r = await getBridge().invoke('connection:reconnect', {});
    set({ outcome: r.ok ? { kind: 'ok', text: `Reconnecting the ${r.value.name} feed…` } : { kind: 'error', text: describeBridgeError(r.error) } });
  },
}));
