import type { BridgeApi } from '#contract/bridge-api';
import { createWsClient, type ConnectionState } from '#client/ws-client';

declare global {
  interface Window {
    /** Present only inside the Electron app, exposed by the preload. */
    terminal?: BridgeApi;
  }
}

/** `unauthorized`: the headless server refused this page because it has no access token. */
export type BridgeConnection = ConnectionState | 'unauthorized';

/**
 * The renderer's only way to the engine: Electron's preload bridge when it exists, otherwise the
 * headless server's WebSocket on the page's own origin.
 */
export function connect(onConnection: (state: BridgeConnection) => void): BridgeApi {
  if (window.terminal) {
    onConnection('open');
    return window.terminal;
  }
  const scheme = window.location.protocol === 'https:' ? 'wss' : 'ws';
  let latest = 0;
  const client = createWsClient({
    url: `${scheme}://${window.location.host}/bridge`,
    onConnection: (state) => {
      const seq = ++latest;
      if (state !== 'closed') return onConnection(state);
      // A browser does not say why an upgrade was refused; /api answers 401 for the same reason.
      void fetch('/api/status', { cache: 'no-store' }).then(
        (res) => {
          if (seq !== latest) return;
          if (res.status !== 401) return onConnection('closed');
          client.close();
          onConnection('unauthorized');
        },
        () => {
          if (seq === latest) onConnection('closed');
        },
      );
    },
  });
  return client;
}
