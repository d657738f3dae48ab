import { describe, expect, it } from 'vitest';
import { createAckTracker, refusalCode } from './subscription-acks.ts';
import { parseWsFrame, WsMode } from './wire/ws.ts';
import { subscribeMessages, unsubscribeMessage } from './wire/ws-requests.ts';

const ackOf = (text: string) => {
  const f = parseWsFrame(text);
  if (!f.ok || f.value.kind !== 'ack') throw new Error(`not an ack: ${text}`);
  return f.value.ack;
};
const sub = (symbol: string, mode: WsMode = WsMode.depth) => ({ sym: { symbol, exchange: 'NFO' }, mode });

describe('refusal codes', () => {
  it('come from the item, else a code word or a capacity complaint in its message, else SUBSCRIPTION_ERROR', () => {
    expect(refusalCode({ code: 'MAX_CAPACITY_REACHED', message: 'x' })).toBe('MAX_CAPACITY_REACHED');
    expect(refusalCode({ message: 'Maximum symbol capacity reached' })).toBe('MAX_CAPACITY_REACHED');
    expect(refusalCode({ message: 'adapter said INVALID_TOKEN for it' })).toBe('INVALID_TOKEN');
    expect(refusalCode({ message: 'Symbol X not found for exchange NFO' })).toBe('SUBSCRIPTION_ERROR');
    expect(refusalCode({})).toBe('SUBSCRIPTION_ERROR');
  });
});

describe('the ack tracker', () => {
  it('matches an ack by request_id and reports only the failed items it asked for', () => {
    const acks = createAckTracker();
    let n = 0;
    const [depth, ltp] = subscribeMessages([sub('A'), sub('B'), sub('C', WsMode.ltp)], () => `s${++n}`);
    acks.sent(depth!);
    acks.sent(ltp!);
    const r = acks.onAck(
      ackOf('{"type":"subscribe","status":"partial","request_id":"s1","subscriptions":[{"symbol":"A","exchange":"NFO","status":"success"},{"symbol":"B","exchange":"NFO","status":"error","message":"Maximum symbol capacity reached"},{"symbol":"Z","exchange":"NFO","status":"error"}]}'),
    );
    expect(r).toEqual({ ok: true, value: [{ action: 'subscribe', symbol: 'B', exchange: 'NFO', mode: WsMode.depth, code: 'MAX_CAPACITY_REACHED', message: 'Maximum symbol capacity reached', wholeRequest: false }] });
    // Answered once: the same id again answers nothing.
    expect(acks.onAck(ackOf('{"type":"subscribe","status":"success","request_id":"s1","subscriptions":[]}')).ok).toBe(false);
    // An error frame without type answers the oldest request waiting, whole.
    expect(acks.onError('INVALID_MODE', 'bad')).toEqual([{ action: 'subscribe', symbol: 'C', exchange: 'NFO', mode: WsMode.ltp, code: 'INVALID_MODE', message: 'bad', wholeRequest: true }]);
    expect(acks.onError('INVALID_MODE', 'bad')).toBeUndefined();
  });

  it('takes a typed error ack as the refusal of its whole request, and forgets everything on a new socket', () => {
    const acks = createAckTracker();
    acks.sent(unsubscribeMessage([sub('A', WsMode.quote)], 'u1')!);
    const r = acks.onAck(ackOf('{"type":"unsubscribe","status":"error","code":"BROKER_ERROR","message":"no adapter","request_id":"u1"}'));
    expect(r).toEqual({ ok: true, value: [{ action: 'unsubscribe', symbol: 'A', exchange: 'NFO', mode: WsMode.quote, code: 'BROKER_ERROR', message: 'no adapter', wholeRequest: true }] });
    acks.sent(unsubscribeMessage([sub('A')], 'u2')!);
    acks.clear();
    expect(acks.onError('X', 'y')).toBeUndefined();
  });

  it('a subscribe frame with status error is an ack, not a bare error frame', () => {
    expect(parseWsFrame('{"type":"subscribe","status":"error","message":"m","request_id":"s1"}')).toMatchObject({ ok: true, value: { kind: 'ack', ack: { status: 'error', requestId: 's1', items: [] } } });
    expect(parseWsFrame('{"type":"subscribe","status":"weird"}')).toMatchObject({ ok: false, error: { kind: 'protocol' } });
  });
});
