import { create } from 'zustand';
import type { SessionDto } from '#contract/dto';
import type { BridgeConnection } from '../bridge/connect.ts';

/** Wall ms without a session update, over an open connection, after which the engine counts as not answering. */
export const ENGINE_SILENT_MS = 15_000;

interface SessionState {
  connection: BridgeConnection;
  session?: SessionDto;
  /** Wall time (performance.now) of the last session update. */
  lastSessionAt: number;
  /** The open connection brought no update for ENGINE_SILENT_MS. */
  silent: boolean;
  setConnection(state: BridgeConnection): void;
  setSession(session: SessionDto): void;
  checkSilence(nowMs: number): void;
}

export const useSessionStore = create<SessionState>((set, get) => ({
  connection: 'connecting',
  lastSessionAt: 0,
  silent: false,
  setConnection: (connection) => set({ connection, lastSessionAt: performance.now(), silent: false }),
  setSession: (session) => set({ session, lastSessionAt: performance.now(), silent: false }),
  checkSilence(nowMs) {
    const s = get();
    const silent = s.connection === 'open' && s.session !== undefined && nowMs - s.lastSessionAt > ENGINE_SILENT_MS;
    if (silent !== s.silent) set({ silent });
  },
}));

/**
 * True while what the screen shows may no longer be true: the engine connection is down or silent.
 * Values stay on screen, marked stale; commands are disabled until the engine is back.
 */
export const selectStale = (s: Pick<SessionState, 'connection' | 'silent' | 'session'>): boolean => s.connection !== 'open' || s.silent || s.session === undefined;

export const useStale = (): boolean => useSessionStore(selectStale);
