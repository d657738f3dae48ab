import type { BridgeErrorDto, BridgeResult } from './dto.ts';
import type { CommandInput, CommandName, CommandOutput, StreamDelta, StreamName, StreamParams, StreamSnapshot } from './channels.ts';

export interface StreamHandlers<S extends StreamName> {
  snapshot(data: StreamSnapshot<S>): void;
  delta(data: StreamDelta<S>): void;
  error?(error: BridgeErrorDto): void;
}

/**
 * The one door between the renderer and the engine. Electron's preload (`window.terminal`) and the
 * headless WebSocket client both implement it, so the renderer cannot tell them apart.
 */
export interface BridgeApi {
  invoke<C extends CommandName>(channel: C, input: CommandInput<C>): Promise<BridgeResult<CommandOutput<C>>>;
  /** Returns the unsubscribe function. */
  subscribe<S extends StreamName>(stream: S, params: StreamParams<S>, handlers: StreamHandlers<S>): () => void;
}

/** Electron IPC channel names used by the preload and main; the renderer never sees them. */
export const IPC = {
  invoke: 'bridge:invoke',
  subscribe: 'bridge:subscribe',
  unsubscribe: 'bridge:unsubscribe',
  event: 'bridge:event',
} as const;

/** Messages of the headless WebSocket transport and of the Electron event channel. */
export type ClientMessage =
  | { type: 'invoke'; id: number; channel: string; input: unknown }
  | { type: 'subscribe'; id: number; stream: string; params: unknown }
  | { type: 'unsubscribe'; id: number };

export type ServerMessage =
  | { type: 'result'; id: number; result: BridgeResult<unknown> }
  | { type: 'snapshot'; id: number; data: unknown }
  | { type: 'delta'; id: number; data: unknown }
  | { type: 'stream-error'; id: number; error: BridgeErrorDto };
