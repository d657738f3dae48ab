import type { IpcMain, IpcMainEvent, IpcMainInvokeEvent, WebContents } from 'electron';
import type { Logger } from '#core/log';
import type { Router } from '#bridge/router';
import { IPC, type ServerMessage } from '#contract/bridge-api';

/** Decides whether a frame is our own renderer (the app:// page or the dev server), never a foreign page. */
export type SenderCheck = (frameUrl: string | undefined) => boolean;

export function appSenderCheck(devServerUrl: string | undefined): SenderCheck {
  return (frameUrl) => {
    if (!frameUrl) return false;
    try {
      const u = new URL(frameUrl);
      if (u.protocol === 'app:' && u.host === 'renderer') return true;
      return devServerUrl !== undefined && u.origin === new URL(devServerUrl).origin;
    } catch {
      return false;
    }
  };
}

type IpcMainLike = Pick<IpcMain, 'handle' | 'on'>;

/**
 * Binds the bridge to Electron IPC. Every channel goes through one guard: the sender frame is checked,
 * then the router validates the input against the contract. Nothing unchecked reaches the engine.
 */
export function bindBridgeIpc(ipcMain: IpcMainLike, router: Router, isTrusted: SenderCheck, logger: Logger): void {
  const streamsByContents = new Map<WebContents, Map<number, () => void>>();

  const trusted = (event: IpcMainEvent | IpcMainInvokeEvent, channel: string): boolean => {
    const url = event.senderFrame?.url;
    if (isTrusted(url)) return true;
    logger.warn({ channel, url }, 'refused an IPC message from an untrusted frame');
    return false;
  };

  ipcMain.handle(IPC.invoke, async (event, channel: unknown, input: unknown) => {
    if (!trusted(event, IPC.invoke)) return { ok: false, error: { kind: 'invalid-input', message: 'untrusted sender' } };
    return router.invoke(channel, input);
  });

  ipcMain.on(IPC.subscribe, (event, id: unknown, stream: unknown, params: unknown) => {
    if (!trusted(event, IPC.subscribe) || typeof id !== 'number' || !Number.isInteger(id)) return;
    const contents = event.sender;
    let streams = streamsByContents.get(contents);
    if (!streams) {
      const created = new Map<number, () => void>();
      streams = created;
      streamsByContents.set(contents, created);
      contents.once('destroyed', () => {
        for (const off of created.values()) off();
        streamsByContents.delete(contents);
      });
    }
    const send = (msg: ServerMessage): void => {
      if (!contents.isDestroyed()) contents.send(IPC.event, msg);
    };
    streams.get(id)?.();
    const r = router.subscribe(stream, params, {
      snapshot: (data) => send({ type: 'snapshot', id, data }),
      delta: (data) => send({ type: 'delta', id, data }),
    });
    if (r.ok) streams.set(id, r.value);
    else send({ type: 'stream-error', id, error: r.error });
  });

  ipcMain.on(IPC.unsubscribe, (event, id: unknown) => {
    if (!trusted(event, IPC.unsubscribe) || typeof id !== 'number') return;
    const streams = streamsByContents.get(event.sender);
    streams?.get(id)?.();
    streams?.delete(id);
  });
}
