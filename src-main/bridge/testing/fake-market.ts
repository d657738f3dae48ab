import { vi } from 'vitest';
import { SimClock } from '#core/clock';
import { createMarketData } from '#market/market-data';
import { instrumentsFrom } from '#execution/instruments';
import { QuoteBook } from '#execution/quotes';
import { createMarketScreens } from '#engine/charting/market-screens';
import type { EngineApi } from '#engine/engine-api';

/** The market screens on real parts with no instruments, and settings that answer simulation: for router tests of other channels. */
export function fakeMarket(): Pick<EngineApi, 'market' | 'settings' | 'setMode'> {
  const view = { mode: 'simulation', savedMode: 'simulation', paperReady: false, configFile: '/tmp/config.json' } as const;
  return {
    market: createMarketScreens({
      marketData: createMarketData({ clock: new SimClock(0) }),
      quotes: new QuoteBook(),
      registry: instrumentsFrom([]),
      feedInstruments: [],
      r: 0.065,
      simulatedOptions: true,
      capacity: 100,
      subscribeFeed: vi.fn(),
      publishTick: vi.fn(),
    }),
    settings: vi.fn(async () => ({ ok: true as const, value: view })),
    setMode: vi.fn(async () => ({ ok: true as const, value: view })),
  };
}
