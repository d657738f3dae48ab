import { vi } from 'vitest';
import { SimClock } from '#core/clock';
import { emptyMarketScreens } from '#engine/testing/market-harness';
import type { EngineApi } from '#engine/engine-api';
import { DEFAULT_RISK_CONFIG } from '#config/risk-schema';

/** The market screens on real, empty parts and settings that answer simulation: for router tests of other channels. */
export function fakeMarket(): Pick<EngineApi, 'market' | 'settings' | 'setMode' | 'riskSettings' | 'setRiskSettings'> {
  const view = { mode: 'simulation', savedMode: 'simulation', paperReady: false, configFile: '/tmp/config.json' } as const;
  return {
    market: emptyMarketScreens(new SimClock(0)),
    settings: vi.fn(async () => ({ ok: true as const, value: view })),
    setMode: vi.fn(async () => ({ ok: true as const, value: view })),
    riskSettings: vi.fn(() => ({ ok: true as const, value: { inForce: DEFAULT_RISK_CONFIG, saved: DEFAULT_RISK_CONFIG, configFile: '/tmp/config.json' } })),
    setRiskSettings: vi.fn(() => ({ ok: false as const, error: { kind: 'invalid-input' as const, message: 'risk.dailyLoss.limit: Too small: expected number to be >0' } })),
  };
}
