import { create } from 'zustand';
import type { ConnectionDto, ConnectionTestDto } from '#contract/dto';
import { getBridge } from './bridge.ts';

export interface ConnectionForm {
  baseUrl: string;
  wsUrl: string;
  /** Empty means "keep the saved key". */
  apiKey: string;
}

type Outcome = { kind: 'ok'; text: string } | { kind: 'error'; text: string } | { kind: 'busy'; text: string };

interface ConnectionState {
  profile?: ConnectionDto;
  outcome?: Outcome;
  load(): Promise<void>;
  test(form: ConnectionForm): Promise<void>;
  save(form: ConnectionForm): Promise<void>;
  /** Reconnects the market data feed now (after the trader logged in to the broker in OpenAlgo). */
  reconnect(): Promise<void>;
}

const inputOf = (f: ConnectionForm) => ({
  ...(f.baseUrl.trim() ? { baseUrl: f.baseUrl.trim() } : {}),
  ...(f.wsUrl.trim() ? { wsUrl: f.wsUrl.trim() } : {}),
  ...(f.apiKey.trim() ? { apiKey: f.apiKey.trim() } : {}),
});

const inr = (n: number) => `₹${n.toLocaleString('en-IN', { maximumFractionDigits: 0 })}`;

export function describeTest(r: ConnectionTestDto): string {
  const analyzer = r.analyzeMode ? ' · analyzer mode ON' : '';
  return `Connected to ${r.broker} in ${Math.round(r.latencyMs)} ms · available ${inr(r.availableCash)} · used ${inr(r.usedMargin)}${analyzer}`;
}

export const useConnectionStore = create<ConnectionState>((set) => ({
  async load() {
    const r = await getBridge().invoke('connection:get', {});
    if (r.ok) set({ profile: r.value });
    else set({ outcome: { kind: 'error', text: r.error.message } });
  },
  async test(form) {
    set({ outcome: { kind: 'busy', text: 'Testing…' } });
    const r = await getBridge().invoke('connection:test', inputOf(form));
    set({ outcome: r.ok ? { kind: 'ok', text: describeTest(r.value) } : { kind: 'error', text: r.error.message } });
  },
  async save(form) {
    set({ outcome: { kind: 'busy', text: 'Saving…' } });
    const r = await getBridge().invoke('connection:save', inputOf(form));
    if (r.ok) set({ profile: r.value, outcome: { kind: 'ok', text: `Saved. The key is kept ${r.value.keyStorage}.` } });
    else set({ outcome: { kind: 'error', text: r.error.message } });
  },
  async reconnect() {
    set({ outcome: { kind: 'busy', text: 'Reconnecting…' } });
    const r = await getBridge().invoke('connection:reconnect', {});
    set({ outcome: r.ok ? { kind: 'ok', text: `Reconnecting the ${r.value.name} feed…` } : { kind: 'error', text: r.error.message } });
  },
}));
