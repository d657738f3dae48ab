import type { FeedDto, SessionDto } from '#contract/dto';
import type { BridgeConnection } from '#renderer/bridge/connect.ts';
import { feedStateText } from '#renderer/features/connection/feed-state.ts';
import type { ToastInput } from '#renderer/stores/toasts-store.ts';

const PROBLEM = new Set<FeedDto['state']>(['stale', 'reconnecting', 'expired', 'error']);

/** A toast for a change of the market data feed's state worth telling: trouble, and the way back from it. */
export function feedNotice(prev: FeedDto | undefined, next: FeedDto): ToastInput | undefined {
  if (prev?.state === next.state) return undefined;
  if (PROBLEM.has(next.state)) {
    return { key: 'feed', tone: next.state === 'reconnecting' || next.state === 'stale' ? 'warn' : 'bad', title: `Market data ${next.state}`, body: feedStateText(next) };
  }
  if (next.state === 'connected' && prev && PROBLEM.has(prev.state)) return { key: 'feed', tone: 'good', title: 'Market data connected again', body: feedStateText(next) };
  return undefined;
}

/**
 * A toast when the database starts refusing the engine's writes (another program holding it, a full disk),
 * and when it takes them again; a new path or message while it lasts replaces the toast's text.
 */
export function storeNotice(prev: SessionDto['storeFault'], next: SessionDto['storeFault']): ToastInput | undefined {
  if (next && (next.where !== prev?.where || next.message !== prev.message)) {
    return { key: 'store', tone: 'bad', title: 'The database refused a write', body: `On ${next.where}: ${next.message}. No order goes out before it is written, so none can while this lasts: close the program holding terminal.sqlite, or free disk space.` };
  }
  if (!next && prev) return { key: 'store', tone: 'good', title: 'The database takes writes again', body: 'Nothing refused for 15 s: the bots evaluate and orders go out as before.' };
  return undefined;
}

/**
 * Tells when the engine connection goes away or comes back (the screen then refreshes from new
 * snapshots). The first connection of the page is not news; a return after a loss is.
 */
export function createEngineWatch() {
  let everOpen = false;
  let lost = false;
  let wasSilent = false;
  return (connection: BridgeConnection, silent: boolean): ToastInput | undefined => {
    const silentNow = silent && !wasSilent;
    wasSilent = silent;
    if (silentNow) {
      lost = true;
      return { key: 'engine', tone: 'bad', title: 'The engine is not answering', body: 'What you see is the last known state, marked stale. Commands are off until it answers again.' };
    }
    if (connection === 'open' && !silent) {
      const back = lost;
      everOpen = true;
      lost = false;
      return back ? { key: 'engine', tone: 'good', title: 'Engine connected again', body: 'Every panel was refreshed from a new snapshot.' } : undefined;
    }
    if (connection === 'closed' && everOpen && !lost) {
      lost = true;
      return { key: 'engine', tone: 'bad', title: 'Engine disconnected', body: 'Values on screen are the last known ones, marked stale; commands are off. Reconnecting by itself…' };
    }
    return undefined;
  };
}
