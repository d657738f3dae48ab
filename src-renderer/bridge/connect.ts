import type { BridgeApi } from '#contract/bridge-api';
import { createWsClient, type ConnectionState } from '#client/ws-client';

declare global {
  interface Window {
    /** Present only inside the Electron app, exposed by the preload. */
    terminal?: BridgeApi;
  }
}

/**
 * The renderer's only way to the engine: Electron's preload bridge when it exists, otherwise the
 * headless server's WebSocket on the page's own origin.
 */
export function connect(onConnection: (state: ConnectionState) => void): BridgeApi {
  if (window.terminal) {
    onConnection('open');
    return window.terminal;
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  return createWsClient({ url: `${scheme}://${window.location.host}/bridge`, onConnection });
}
