import type { Area } from '#renderer/lib/layout-model.ts';

export interface PanelInfo {
  readonly id: string;
  readonly title: string;
  /** Where a new user finds it. */
  readonly area: Area;
  /** Shortcut that shows it. */
  readonly keys?: string;
}

/**
 * Every panel besides the chart, with its default place. A new panel is one line here and one in
 * `panels.tsx`; a saved layout picks it up in its default area.
 */
export const PANELS: readonly PanelInfo[] = [
  { id: 'watchlist', title: 'Watchlist', area: 'left', keys: 'w' },
  { id: 'chain', title: 'Option chain', area: 'right', keys: 'o' },
  { id: 'bots', title: 'Bots', area: 'right', keys: 'b' },
  { id: 'settings', title: 'Settings', area: 'right', keys: 's' },
  { id: 'positions', title: 'Positions', area: 'bottom', keys: 'p' },
  { id: 'orders', title: 'Orders', area: 'bottom', keys: 'd' },
  { id: 'risk', title: 'Risk', area: 'bottom', keys: 'r' },
  { id: 'signals', title: 'Signals', area: 'bottom', keys: 'g' },
  { id: 'backtest', title: 'Backtest', area: 'bottom', keys: 'e' },
  { id: 'models', title: 'Models', area: 'bottom', keys: 'm' },
];
