/**
 * Branded ids: a ClientOrderId cannot be passed where a TradeId is expected, though both are strings on
 * the wire. Construct them only through these functions, at the boundary where the string is checked.
 */
declare const brand: unique symbol;
export type Brand<T, B extends string> = T & { readonly [brand]: B };

export type InstrumentId = Brand<string, 'InstrumentId'>;
export type ClientOrderId = Brand<string, 'ClientOrderId'>;
export type BrokerOrderId = Brand<string, 'BrokerOrderId'>;
export type TradeId = Brand<string, 'TradeId'>;
export type BotId = Brand<string, 'BotId'>;
export type IntentId = Brand<string, 'IntentId'>;
export type SignalId = Brand<string, 'SignalId'>;
export type StructureId = Brand<string, 'StructureId'>;

function nonEmpty(what: string, value: string): string {
  if (typeof value !== 'string' || value.trim() === '' || value !== value.trim()) {
    throw new TypeError(`${what} must be a non-empty string without surrounding spaces, got ${JSON.stringify(value)}`);
  }
  return value;
}

/** `EXCHANGE:SYMBOL`, OpenAlgo's own pair, e.g. `NSE_INDEX:NIFTY` or `NFO:NIFTY28NOV2424000CE`. */
export function instrumentId(exchange: string, symbol: string): InstrumentId {
  return `${nonEmpty('exchange', exchange)}:${nonEmpty('symbol', symbol)}` as InstrumentId;
}

export function parseInstrumentId(id: string): { exchange: string; symbol: string } {
  const i = id.indexOf(':');
  if (i <= 0 || i === id.length - 1) throw new TypeError(`instrument id must be EXCHANGE:SYMBOL, got ${JSON.stringify(id)}`);
  return { exchange: id.slice(0, i), symbol: id.slice(i + 1) };
}

export const clientOrderId = (v: string): ClientOrderId => nonEmpty('client order id', v) as ClientOrderId;
export const brokerOrderId = (v: string): BrokerOrderId => nonEmpty('broker order id', v) as BrokerOrderId;
export const tradeId = (v: string): TradeId => nonEmpty('trade id', v) as TradeId;
export const botId = (v: string): BotId => nonEmpty('bot id', v) as BotId;
export const intentId = (v: string): IntentId => nonEmpty('intent id', v) as IntentId;
export const signalId = (v: string): SignalId => nonEmpty('signal id', v) as SignalId;
export const structureId = (v: string): StructureId => nonEmpty('structure id', v) as StructureId;
