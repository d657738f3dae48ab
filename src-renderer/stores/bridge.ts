import type { BridgeApi } from '#contract/bridge-api';
import { connect, type BridgeConnection } from '../bridge/connect.ts';
import { useSessionStore } from './session-store.ts';

let bridge: BridgeApi | undefined;

/** The one bridge instance of this window, created on first use. */
export function getBridge(): BridgeApi {
  bridge ??= connect((state: BridgeConnection) => useSessionStore.getState().setConnection(state));
  return bridge;
}
