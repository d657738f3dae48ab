import { vi } from 'vitest';
import { SimClock } from '#core/clock';
import { emptyMarketScreens } from '#engine/testing/market-harness';
import type { EngineApi } from '#engine/engine-api';

/** The market screens on real, empty parts and settings that answer simulation: for router tests of other channels. */
export function fakeMarket(): Pick<EngineApi, 'market' | 'settings' | 'setMode' | 'riskSettings' | 'setRiskSettings' | 'notificationSettings' | 'setNotificationSettings' | 'noteSecretChange' | 'data'> {
  const view = { mode: 'simulation', savedMode: 'simulation', paperReady: false, configFile: '/tmp/config.json' } as const;
  return {
    market: emptyMarketScreens(new SimClock(0)),
    settings: vi.fn(async () => ({ ok: true as const, value: view })),
    setMode: vi.fn(async () => ({ ok: true as const, value: view })),
    riskSettings: vi.fn(() => ({ ok: false as const, error: { kind: 'not-available' as const, message: 'this terminal has no settings file' } })),
    setRiskSettings: vi.fn(() => ({ ok: false as const, error: { kind: 'invalid-input' as const, message: 'risk.dailyLoss.limit: Too small: expected number to be >0' } })),
    notificationSettings: vi.fn(() => ({ ok: false as const, error: { kind: 'not-available' as const, message: 'this terminal has no settings file' } })),
    setNotificationSettings: vi.fn(() => ({ ok: false as const, error: { kind: 'not-available' as const, message: 'this terminal has no settings file' } })),
    noteSecretChange: vi.fn(),
    data: {
      current: vi.fn(() => undefined),
      importCsv: vi.fn(() => ({ ok: false as const, error: { kind: 'invalid-input' as const, message: 'no such file' } })),
      downloadHistory: vi.fn(() => ({ ok: false as const, error: { kind: 'not-available' as const, message: 'no OpenAlgo' } })),
      history: vi.fn(async () => ({ series: [], totalSeries: 0, totalBars: 0 })),
    },
  };
}
