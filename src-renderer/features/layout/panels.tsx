import type { ReactNode } from 'react';
import { BacktestPanel } from '#renderer/features/backtest/BacktestPanel.tsx';
import { BotsPanel } from '#renderer/features/bots/BotsPanel.tsx';
import { ModelsPanel } from '#renderer/features/models/ModelsPanel.tsx';
import { ChainPanel } from '#renderer/features/chain/ChainPanel.tsx';
import { OrdersPanel } from '#renderer/features/orders/OrdersPanel.tsx';
import { PositionsPanel } from '#renderer/features/positions/PositionsPanel.tsx';
import { RiskPanel } from '#renderer/features/risk/RiskPanel.tsx';
import { SettingsPanel } from '#renderer/features/settings/SettingsPanel.tsx';
import { SignalsPanel } from '#renderer/features/signals/SignalsPanel.tsx';
import { WatchlistPanel } from '#renderer/features/watchlist/WatchlistPanel.tsx';

/** The component of each panel in `panel-list.ts`. */
export const PANEL_VIEWS: Readonly<Record<string, () => ReactNode>> = {
  watchlist: () => <WatchlistPanel />,
  chain: () => <ChainPanel />,
  bots: () => <BotsPanel />,
  settings: () => <SettingsPanel />,
  signals: () => <SignalsPanel />,
  positions: () => <PositionsPanel />,
  orders: () => <OrdersPanel />,
  risk: () => <RiskPanel />,
  backtest: () => <BacktestPanel />,
  models: () => <ModelsPanel />,
};
