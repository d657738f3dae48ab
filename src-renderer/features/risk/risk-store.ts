import { create } from 'zustand';
import type { FindingDto, RiskDto, ShockTableDto } from '#contract/trading-dto';
import { getBridge } from '#renderer/stores/bridge.ts';
import { notify } from '#renderer/stores/toasts-store.ts';
import { applyFinding } from './findings-list.ts';

/** How often the book's shock table is asked for again while the panel is open. */
export const SHOCK_REFRESH_MS = 3000;

export interface RepairRequest {
  readonly finding: FindingDto;
  readonly repair: NonNullable<FindingDto['repairs']>[number];
}

interface RiskState {
  risk?: RiskDto;
  findings: FindingDto[];
  shock?: ShockTableDto;
  shockError?: string;
  /** A repair waiting for the trader's confirmation. */
  confirming?: RepairRequest;
  working: boolean;
  error?: string;
  refreshShock(): Promise<void>;
  askRepair(r: RepairRequest): void;
  cancelRepair(): void;
  confirmRepair(): Promise<void>;
  clearFinding(findingId: string, resolution: string): Promise<boolean>;
}

export const useRiskStore = create<RiskState>((set, get) => ({
  findings: [],
  working: false,
  async refreshShock() {
    const r = await getBridge().invoke('risk:shock', {});
    set(r.ok ? { shock: r.value, shockError: undefined } : { shockError: r.error.message });
  },
  askRepair: (confirming) => set({ confirming, error: undefined }),
  cancelRepair: () => set({ confirming: undefined }),
  async confirmRepair() {
    const c = get().confirming;
    if (!c || get().working) return;
    set({ working: true, error: undefined });
    const r = await getBridge().invoke('finding:repair', { findingId: c.finding.findingId, repairId: c.repair.id });
    set({ working: false, ...(r.ok ? { confirming: undefined, findings: r.value } : { error: r.error.message }) });
  },
  async clearFinding(findingId, resolution) {
    set({ error: undefined });
    const r = await getBridge().invoke('finding:clear', { findingId, resolution });
    if (!r.ok) set({ error: r.error.message });
    return r.ok;
  },
}));

/** Follows the risk view and the open findings, and refreshes the shock table while the panel is open. */
export function followRisk(): () => void {
  const bridge = getBridge();
  let lastState: RiskDto['state'] | undefined;
  const onRisk = (risk: RiskDto) => {
    if (lastState !== undefined && risk.state !== lastState && risk.state !== 'active') {
      notify({ key: 'risk-state', tone: 'bad', title: `Trading ${risk.state}`, ...(risk.cause ? { body: risk.cause } : {}) });
    }
    lastState = risk.state;
    useRiskStore.setState({ risk });
  };
  const offRisk = bridge.subscribe('risk', {}, { snapshot: onRisk, delta: onRisk });
  const offFindings = bridge.subscribe('findings', {}, {
    snapshot: (list) => useRiskStore.setState({ findings: list.reduce<FindingDto[]>(applyFinding, []) }),
    delta: (f) => {
      if (f.status === 'open') notify({ key: `finding-${f.findingId}`, tone: f.severity === 'critical' ? 'bad' : 'warn', title: `Finding: ${f.kind}`, body: f.message });
      useRiskStore.setState({ findings: applyFinding(useRiskStore.getState().findings, f) });
    },
  });
  void useRiskStore.getState().refreshShock();
  const timer = setInterval(() => void useRiskStore.getState().refreshShock(), SHOCK_REFRESH_MS);
  return () => {
    offRisk();
    offFindings();
    clearInterval(timer);
  };
}
