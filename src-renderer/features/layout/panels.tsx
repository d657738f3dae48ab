import type { ReactNode } from 'react';
import { BotsPanel } from '#renderer/features/bots/BotsPanel.tsx';
import { ChainPanel } from '#renderer/features/chain/ChainPanel.tsx';
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
};
