import { vi } from 'vitest';
import { SimClock } from '#core/clock';
import { emptyMarketScreens } from '#engine/testing/market-harness';
import type { EngineApi } from '#engine/engine-api';

/** The market screens on real, empty parts and settings that answer simulation: for router tests of other channels. */
export function fakeMarket(): Pick<EngineApi, 'market' | 'settings' | 'setMode'> {
  const view = { mode: 'simulation', savedMode: 'simulation', paperReady: false, configFile: '/tmp/config.json' } as const;
  return {
    market: emptyMarketScreens(new SimClock(0)),
    settings: vi.fn(async () => ({ ok: true as const, value: view })),
    setMode: vi.fn(async () => ({ ok: true as const, value: view })),
  };
}
