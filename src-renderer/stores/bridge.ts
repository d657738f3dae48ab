import type { BridgeApi } from '#contract/bridge-api';
import { connect, type BridgeConnection } from '../bridge/connect.ts';
import { useSessionStore } from './session-store.ts';

let bridge: BridgeApi | undefined;

/** The one bridge instance of this window, created on first use. */
export function getBridge(): BridgeApi {
  bridge ??= connect((state: BridgeConnection) => useSessionStore.getState().setConnection(state));
  return bridge;
}

/** Follows the session stream (mode, clock, feed) for as long as the window lives. */
export function followSession(): () => void {
  const offStream = getBridge().subscribe('session', {}, {
    snapshot: (s) => useSessionStore.getState().setSession(s),
    delta: (s) => useSessionStore.getState().setSession(s),
  });
  const timer = setInterval(() => useSessionStore.getState().checkSilence(performance.now()), 1000);
  return () => {
    offStream();
    clearInterval(timer);
  };
}
