import { create } from 'zustand';
import type { StressReportDto, VarHistoryDto } from '#contract/risk-analytics-dto';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { getBridge } from '#renderer/stores/bridge.ts';

/** How far back the VaR history goes on screen. */
export const VAR_HISTORY_MS = 24 * 3_600_000;

interface RiskAnalyticsState {
  var?: VarHistoryDto;
  varError?: string;
  stress?: StressReportDto;
  stressError?: string;
  exporting: boolean;
  exportError?: string;
  refreshVar(): Promise<void>;
  refreshStress(): Promise<void>;
  /** The stress report as a self-contained HTML file, downloaded by the browser (or the app). */
  exportStress(): Promise<void>;
}

export const useRiskAnalyticsStore = create<RiskAnalyticsState>((set, get) => ({
  exporting: false,
  async refreshVar() {
    const latest = get().var?.latest.ts;
    const r = await getBridge().invoke('risk:var', latest !== undefined ? { sinceMs: Math.max(0, latest - VAR_HISTORY_MS) } : {});
    set(r.ok ? { var: r.value, varError: undefined } : { varError: describeBridgeError(r.error) });
  },
  async refreshStress() {
    const r = await getBridge().invoke('risk:stress', {});
    set(r.ok ? { stress: r.value, stressError: undefined } : { stressError: describeBridgeError(r.error) });
  },
  async exportStress() {
    if (get().exporting) return;
    set({ exporting: true, exportError: undefined });
    const r = await getBridge().invoke('risk:stress:html', {});
    set({ exporting: false });
    if (!r.ok) return set({ exportError: describeBridgeError(r.error) });
    const url = URL.createObjectURL(new Blob([r.value.html], { type: 'text/html' }));
    const a = document.createElement('a');
    a.href = url;
    a.download = r.value.fileName;
    a.click();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
  },
}));

/**
 * Follows VaR while the risk panel is open: each refresh the engine publishes (on its schedule and after
 * fills) brings the history and the stress table up to date, since both read the same book.
 */
export function followRiskAnalytics(): () => void {
  const refresh = (): void => {
    void useRiskAnalyticsStore.getState().refreshVar();
    void useRiskAnalyticsStore.getState().refreshStress();
  };
  return getBridge().subscribe('var', {}, { snapshot: refresh, delta: refresh });
}
