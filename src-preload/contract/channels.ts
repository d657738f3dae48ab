import { z } from 'zod';
import { barDto, botDto, botIdSchema, connectionDto, connectionInput, connectionTestDto, feedDto, instrumentDto, instrumentIdSchema, sessionDto, timeframeSchema } from './dto.ts';

/**
 * Every command the renderer may send: `namespace:verb`, input and output schemas. The Electron preload
 * derives its allowlist from these keys and main validates every input against them.
 */
export const commands = {
  'app:status': { input: z.object({}).strict(), output: sessionDto },
  'market:instruments': { input: z.object({}).strict(), output: z.array(instrumentDto) },
  'bot:start': { input: z.object({ botId: botIdSchema }).strict(), output: botDto },
  'bot:stop': { input: z.object({ botId: botIdSchema }).strict(), output: botDto },
  'connection:get': { input: z.object({}).strict(), output: connectionDto },
  /** Saves the OpenAlgo URLs (config.json) and, when given, the API key (secret store). */
  'connection:save': { input: connectionInput, output: connectionDto },
  /** Ping + funds against OpenAlgo with the given or saved settings; nothing is saved. */
  'connection:test': { input: connectionInput, output: connectionTestDto },
  /** Reconnects the market data feed now: after *expired*, once the trader logged in to the broker. */
  'connection:reconnect': { input: z.object({}).strict(), output: feedDto },
} as const;

/** Event streams: a snapshot on subscribe, then deltas. */
export const streams = {
  session: { params: z.object({}).strict(), snapshot: sessionDto, delta: sessionDto },
  bars: {
    params: z.object({ instrumentId: instrumentIdSchema, timeframe: timeframeSchema }).strict(),
    snapshot: z.array(barDto),
    delta: barDto,
  },
  bots: { params: z.object({}).strict(), snapshot: z.array(botDto), delta: botDto },
} as const;

export type Commands = typeof commands;
export type CommandName = keyof Commands;
export type CommandInput<C extends CommandName> = z.input<Commands[C]['input']>;
export type CommandOutput<C extends CommandName> = z.infer<Commands[C]['output']>;

export type Streams = typeof streams;
export type StreamName = keyof Streams;
export type StreamParams<S extends StreamName> = z.input<Streams[S]['params']>;
export type StreamSnapshot<S extends StreamName> = z.infer<Streams[S]['snapshot']>;
export type StreamDelta<S extends StreamName> = z.infer<Streams[S]['delta']>;

export const COMMAND_NAMES = Object.keys(commands) as CommandName[];
export const STREAM_NAMES = Object.keys(streams) as StreamName[];

export function isCommandName(name: unknown): name is CommandName {
  return typeof name === 'string' && Object.hasOwn(commands, name);
}

export function isStreamName(name: unknown): name is StreamName {
  return typeof name === 'string' && Object.hasOwn(streams, name);
}
