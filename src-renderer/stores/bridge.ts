import type { BridgeApi } from '#contract/bridge-api';
import type { SessionDto } from '#contract/dto';
import { connect, type BridgeConnection } from '../bridge/connect.ts';
import { engineModeChanged } from './engine-replaced.ts';
import { useSessionStore } from './session-store.ts';

let bridge: BridgeApi | undefined;

/** The one bridge instance of this window, created on first use. */
export function getBridge(): BridgeApi {
  bridge ??= connect((state: BridgeConnection) => useSessionStore.getState().setConnection(state));
  return bridge;
}

/** Follows the session stream (mode, clock, feed) for as long as the window lives. */
export function followSession(): () => void {
  const apply = (s: SessionDto): void => {
    // A mode switch replaced the engine: the page starts again on it, as a fresh load would.
    if (engineModeChanged(useSessionStore.getState().session, s)) return window.location.reload();
    useSessionStore.getState().setSession(s);
  };
  const offStream = getBridge().subscribe('session', {}, { snapshot: apply, delta: apply });
  const timer = setInterval(() => useSessionStore.getState().checkSilence(performance.now()), 1000);
  return () => {
    offStream();
    clearInterval(timer);
  };
}
