import { create } from 'zustand';
import type { SessionDto } from '#contract/dto';
import type { ConnectionState } from '#client/ws-client';

interface SessionState {
  connection: ConnectionState;
  session?: SessionDto;
  setConnection(state: ConnectionState): void;
  setSession(session: SessionDto): void;
}

export const useSessionStore = create<SessionState>((set) => ({
  connection: 'connecting',
  setConnection: (connection) => set({ connection }),
  setSession: (session) => set({ session }),
}));
