import { useEffect } from 'react';
import { followBacktests } from '#renderer/features/backtest/backtest-store.ts';
import { followModels } from '#renderer/features/models/models-store.ts';
import { followOrders } from '#renderer/features/orders/orders-store.ts';
import { followPositions } from '#renderer/features/positions/positions-store.ts';
import { followRisk } from '#renderer/features/risk/risk-store.ts';
import { followBots } from '#renderer/stores/bots-store.ts';
import { followSignals } from '#renderer/stores/signals-store.ts';

/**
 * The panels' streams, followed for the whole session rather than by each panel: a panel is drawn only
 * once it is first shown (Workspace), and its store is already current then. Others read these stores
 * too (the bots' cards read the signals, the arming dialog the bots), whichever panels were opened.
 */
export function usePanelFeeds(): void {
  useEffect(() => {
    const offs = [followBots(), followSignals(), followPositions(), followOrders(), followRisk(), followModels(), followBacktests()];
    return () => {
      for (const off of offs) off();
    };
  }, []);
}
