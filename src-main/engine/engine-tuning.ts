/**
 * What an engine nobody watches, on a scratch store nobody reads back (a backtest's), may leave undone.
 * Each default is the terminal's; a backtest sets them all (`openBacktestEngine`). The bots, the order path
 * and risk's checks are the same either way; what is cut is mostly what screens, the risk chart and
 * `npm run parity` read.
 */
export interface EngineTuning {
  /** Write filtered signals too (default true; screens read them); a backtest's scratch store, removed unread, keeps the taken. */
  readonly storeFilteredSignals?: boolean;
  /**
   * Engine-clock ms between heartbeats (default 1000): the status and figures screens watch, each bot's
   * session-start P&L mark, the ML registry sync (every 30 heartbeats). Trading never waits on it: risk
   * observes every tick and orders run on their own timers. A backtest beats once a minute: a heartbeat a
   * second was most of its clock steps, and nobody watches its screens.
   */
  readonly heartbeatMs?: number;
  /**
   * Record the session's closed 1-minute bars into the store (default true): what `npm run parity` replays.
   * A backtest's engine replays stored bars into a scratch store that nothing reads back, so it does not.
   */
  readonly recordSessionBars?: boolean;
  /**
   * Write each VaR refresh's figures into the store's VaR history (default true): what the risk screen
   * charts. A backtest's scratch store is never read back, so it keeps only the latest figures, which its
   * VaR limit checks read as live does.
   */
  readonly recordVarHistory?: boolean;
  /** Between a VaR refresh's slices (default: a turn of the event loop); a backtest's finishes at its instant, as live's within ms. */
  readonly varYield?: () => Promise<void>;
  /** Refresh VaR only while a VaR limit is set (default: always): a backtest, where the limit's check is its one reader. */
  readonly varOnlyForLimit?: boolean;
}
