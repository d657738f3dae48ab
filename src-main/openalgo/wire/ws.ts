import { z } from 'zod';
import { err, ok, type Result } from '#core/result';
import { num } from './common.ts';
import { parseSubscriptionAck, type SubscriptionAck } from './ws-acks.ts';

/**
 * Server → client frames of OpenAlgo's WebSocket proxy (openalgo.md §4.3). `data` differs by broker,
 * so only the reliable keys are read and everything else is ignored.
 */
export const WsMode = { ltp: 1, quote: 2, depth: 3 } as const;
export type WsMode = (typeof WsMode)[keyof typeof WsMode];

export interface DepthLevel {
  readonly price: number;
  readonly quantity: number;
  readonly orders?: number;
}

export interface WsTick {
  readonly symbol: string;
  readonly exchange: string;
  readonly mode: WsMode;
  readonly ltp: number;
  /** Epoch ms from the proxy/adapter, when sent. */
  readonly timestamp?: number;
  /** Exchange last-trade time, epoch ms. */
  readonly ltt?: number;
  readonly open?: number;
  readonly high?: number;
  readonly low?: number;
  /** Previous close, as the adapters name it. */
  readonly close?: number;
  readonly volume?: number;
  readonly oi?: number;
  readonly bid?: number;
  readonly ask?: number;
  readonly bidQty?: number;
  readonly askQty?: number;
  readonly depth?: { readonly buy: readonly DepthLevel[]; readonly sell: readonly DepthLevel[] };
}

export type WsFrame =
  | { readonly kind: 'auth'; readonly broker?: string; readonly userId?: string }
  | { readonly kind: 'market-data'; readonly tick: WsTick }
  | { readonly kind: 'ack'; readonly ack: SubscriptionAck }
  | { readonly kind: 'order-ack'; readonly type: string; readonly status: string }
  | { readonly kind: 'pong' }
  | { readonly kind: 'error'; readonly code: string; readonly message: string }
  | { readonly kind: 'other'; readonly type: string };

export interface WsProtocolError {
  readonly kind: 'protocol';
  readonly message: string;
}

const level = z.object({ price: num, quantity: num.default(0), orders: num.optional() });
const optNum = num.optional().catch(undefined);

const marketData = z.object({
  type: z.literal('market_data'),
  symbol: z.string().min(1),
  exchange: z.string().min(1),
  mode: z.union([z.literal(1), z.literal(2), z.literal(3)]),
  data: z.object({
    ltp: num.pipe(z.number().nonnegative()),
    timestamp: optNum,
    ltt: optNum,
    open: optNum,
    high: optNum,
    low: optNum,
    close: optNum,
    volume: optNum,
    oi: optNum,
    depth: z.object({ buy: z.array(level).default([]), sell: z.array(level).default([]) }).optional().catch(undefined),
  }),
});

const authOk = z.object({ type: z.literal('auth'), status: z.literal('success'), broker: z.string().optional(), user_id: z.string().optional() });
const errorFrame = z.object({ status: z.literal('error'), code: z.string().optional(), message: z.string().optional() });
const typed = z.object({ type: z.string(), status: z.string().optional() });

function tickFrom(m: z.infer<typeof marketData>): WsTick {
  const d = m.data;
  const best = (side: readonly DepthLevel[] | undefined): DepthLevel | undefined => side?.find((l) => l.price > 0);
  const bid = best(d.depth?.buy);
  const ask = best(d.depth?.sell);
  return {
    symbol: m.symbol,
    exchange: m.exchange,
    mode: m.mode,
    ltp: d.ltp,
    ...(d.timestamp !== undefined ? { timestamp: d.timestamp } : {}),
    ...(d.ltt !== undefined ? { ltt: d.ltt } : {}),
    ...(d.open !== undefined ? { open: d.open } : {}),
    ...(d.high !== undefined ? { high: d.high } : {}),
    ...(d.low !== undefined ? { low: d.low } : {}),
    ...(d.close !== undefined ? { close: d.close } : {}),
    ...(d.volume !== undefined ? { volume: d.volume } : {}),
    ...(d.oi !== undefined ? { oi: d.oi } : {}),
    ...(bid ? { bid: bid.price, bidQty: bid.quantity } : {}),
    ...(ask ? { ask: ask.price, askQty: ask.quantity } : {}),
    ...(d.depth ? { depth: { buy: d.depth.buy, sell: d.depth.sell } } : {}),
  };
}

/** Parses one text frame. Never throws: a malformed frame is a `protocol` error value. */
export function parseWsFrame(text: string): Result<WsFrame, WsProtocolError> {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return err({ kind: 'protocol', message: 'frame is not JSON' });
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) return err({ kind: 'protocol', message: 'frame is not a JSON object' });
  const type = (json as { type?: unknown }).type;
  if (type === 'market_data') {
    const m = marketData.safeParse(json);
    if (!m.success) return err({ kind: 'protocol', message: `bad market_data: ${m.error.issues[0]?.path.join('.')} ${m.error.issues[0]?.message}` });
    return ok({ kind: 'market-data', tick: tickFrom(m.data) });
  }
  // Before the error test: a subscribe answered with status "error" is still that request's ack.
  if (type === 'subscribe' || type === 'unsubscribe') {
    const a = parseSubscriptionAck(json);
    return a.ok ? ok({ kind: 'ack', ack: a.value }) : err({ kind: 'protocol', message: a.error });
  }
  const e = errorFrame.safeParse(json);
  if (e.success) return ok({ kind: 'error', code: e.data.code ?? 'UNKNOWN', message: e.data.message ?? '' });
  if (type === 'auth') {
    const a = authOk.safeParse(json);
    if (!a.success) return err({ kind: 'protocol', message: 'bad auth frame' });
    return ok({ kind: 'auth', ...(a.data.broker ? { broker: a.data.broker } : {}), ...(a.data.user_id ? { userId: a.data.user_id } : {}) });
  }
  if (type === 'pong') return ok({ kind: 'pong' });
  const t = typed.safeParse(json);
  if (!t.success) return err({ kind: 'protocol', message: 'frame has neither a type nor an error status' });
  if (t.data.type === 'subscribe_orders' || t.data.type === 'unsubscribe_orders') return ok({ kind: 'order-ack', type: t.data.type, status: t.data.status ?? 'unknown' });
  return ok({ kind: 'other', type: t.data.type });
}
