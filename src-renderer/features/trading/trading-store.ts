import { create } from 'zustand';
import type { AccountDto, KillReportDto, TradingStatusDto } from '#contract/trading-dto';
import { getBridge } from '#renderer/stores/bridge.ts';

type KillSource = 'button' | 'shortcut';

interface TradingState {
  status?: TradingStatusDto;
  /** The trading state from the risk stream: active, reducing or halted. */
  riskState?: 'active' | 'reducing' | 'halted';
  /** The kill switch's confirm step is showing. */
  confirmingKill: boolean;
  killing: boolean;
  lastKill?: KillReportDto;
  /** The account OpenAlgo trades for, fetched when the trader opens the arming step. */
  armAccount?: AccountDto;
  error?: string;
  askKill(): void;
  cancelKill(): void;
  kill(source: KillSource): Promise<void>;
  prepareArm(): Promise<void>;
  cancelArm(): void;
  arm(rememberToday: boolean): Promise<void>;
  disarm(): Promise<void>;
}

export const useTradingStore = create<TradingState>((set, get) => ({
  confirmingKill: false,
  killing: false,
  askKill: () => set({ confirmingKill: true, error: undefined }),
  cancelKill: () => set({ confirmingKill: false }),
  async kill(source) {
    if (get().killing) return;
    set({ confirmingKill: false, killing: true, error: undefined });
    const r = await getBridge().invoke('risk:kill', { source });
    set({ killing: false, ...(r.ok ? { lastKill: r.value } : { error: r.error.message }) });
  },
  async prepareArm() {
    set({ error: undefined });
    const r = await getBridge().invoke('trading:account', {});
    set(r.ok ? { armAccount: r.value } : { error: r.error.message });
  },
  cancelArm: () => set({ armAccount: undefined }),
  async arm(rememberToday) {
    const account = get().armAccount;
    if (!account) return;
    const r = await getBridge().invoke('trading:arm', { broker: account.broker, host: account.host, rememberToday });
    set({ armAccount: undefined, ...(r.ok ? { status: r.value } : { error: r.error.message }) });
  },
  async disarm() {
    const r = await getBridge().invoke('trading:disarm', {});
    set(r.ok ? { status: r.value } : { error: r.error.message });
  },
}));

/** Keeps the store in step with the engine: the trading status and the risk state. */
export function followTrading(): () => void {
  const bridge = getBridge();
  const offTrading = bridge.subscribe('trading', {}, {
    snapshot: (s) => useTradingStore.setState({ status: s }),
    delta: (s) => useTradingStore.setState({ status: s, ...(s.lastKill ? { lastKill: s.lastKill } : {}) }),
  });
  const offRisk = bridge.subscribe('risk', {}, {
    snapshot: (r) => useTradingStore.setState({ riskState: r.state }),
    delta: (r) => useTradingStore.setState({ riskState: r.state }),
  });
  return () => {
    offTrading();
    offRisk();
  };
}
