import { create } from 'zustand';
import type { SessionDto } from '#contract/dto';
import type { BridgeConnection } from '../bridge/connect.ts';

interface SessionState {
  connection: BridgeConnection;
  session?: SessionDto;
  setConnection(state: BridgeConnection): void;
  setSession(session: SessionDto): void;
}

export const useSessionStore = create<SessionState>((set) => ({
  connection: 'connecting',
  setConnection: (connection) => set({ connection }),
  setSession: (session) => set({ session }),
}));
