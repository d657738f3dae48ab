import { contextBridge, ipcRenderer } from 'electron';
import { IPC, type BridgeApi, type ServerMessage, type StreamHandlers } from '#contract/bridge-api';
import { isCommandName, isStreamName, type StreamName } from '#contract/channels';

/**
 * Exposes exactly the contract to the page as `window.terminal`: no ipcRenderer, no channel names, no
 * IpcRendererEvent (it would leak `sender`). The allowlist comes from the contract itself.
 */
const streams = new Map<number, StreamHandlers<StreamName>>();
let nextId = 1;

ipcRenderer.on(IPC.event, (_event, msg: ServerMessage) => {
  if (msg.type === 'result') return;
  const handlers = streams.get(msg.id);
  if (!handlers) return;
  if (msg.type === 'snapshot') handlers.snapshot(msg.data as never);
  else if (msg.type === 'delta') handlers.delta(msg.data as never);
  else handlers.error?.(msg.error);
});

const terminal: BridgeApi = {
  invoke(channel, input) {
    if (!isCommandName(channel)) return Promise.resolve({ ok: false, error: { kind: 'unknown-channel', message: `unknown command ${String(channel)}` } });
    return ipcRenderer.invoke(IPC.invoke, channel, input);
  },
  subscribe(stream, params, handlers) {
    if (!isStreamName(stream)) {
      handlers.error?.({ kind: 'unknown-channel', message: `unknown stream ${String(stream)}` });
      return () => {};
    }
    const id = nextId++;
    streams.set(id, handlers as unknown as StreamHandlers<StreamName>);
    ipcRenderer.send(IPC.subscribe, id, stream, params);
    return () => {
      streams.delete(id);
      ipcRenderer.send(IPC.unsubscribe, id);
    };
  },
};

contextBridge.exposeInMainWorld('terminal', terminal);
