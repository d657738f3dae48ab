import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ENDPOINTS } from '#openalgo/endpoints';
import { openAlgoError, type OpenAlgoError } from '#openalgo/errors';
import { parseResponse } from '#openalgo/parse-response';
import { brokerErrorOf } from './error-mapping.ts';

const fixture = (name: string): string => readFileSync(new URL(`../../../openalgo/fixtures/${name}`, import.meta.url), 'utf8');
function failure(r: { ok: true } | { ok: false; error: OpenAlgoError }): OpenAlgoError {
  if (r.ok) throw new Error('expected a failure');
  return r.error;
}

describe('OpenAlgo client errors → Broker errors', () => {
  it('a 500 "internal error" after a placement (recorded fixture) is an unknown outcome, never a rejection', () => {
    const e = failure(parseResponse(ENDPOINTS.placeOrder, 500, fixture('placeorder-internal-error.json')));
    expect(brokerErrorOf(e, 'place').kind).toBe('unknown-outcome');
    const cancel = failure(parseResponse(ENDPOINTS.cancelOrder, 502, ''));
    expect(brokerErrorOf(cancel, 'cancel').kind).toBe('unknown-outcome');
  });

  it('the 429 body (F9) is rate-limited with the wait the client computed', () => {
    const e = failure(parseResponse(ENDPOINTS.placeOrder, 429, fixture('F9-rate-limit-429.json')));
    expect(brokerErrorOf({ ...e, retryAfterMs: 1000 }, 'place')).toMatchObject({ kind: 'rate-limited', retryAfterMs: 1000 });
  });

  it('"Invalid openalgo apikey" (403) is a session that ended, before and after the key had worked', () => {
    const after = failure(parseResponse(ENDPOINTS.placeOrder, 403, fixture('invalid-apikey.json'), { keyWorked: true }));
    expect(after.kind).toBe('session-expired');
    expect(brokerErrorOf(after, 'place').kind).toBe('session-expired');
    const before = failure(parseResponse(ENDPOINTS.orderBook, 403, fixture('invalid-apikey.json')));
    expect(brokerErrorOf(before, 'read')).toMatchObject({ kind: 'session-expired', message: expect.stringContaining('log in to your broker') });
  });

  it('a 400 business refusal is rejected on writes; a 404 on modify or cancel is not-found, on a placement rejected', () => {
    const refused = failure(parseResponse(ENDPOINTS.placeOrder, 400, '{"status":"error","message":"Quantity 66 is not a multiple of the lot size 65"}'));
    expect(brokerErrorOf(refused, 'place')).toEqual({ kind: 'rejected', message: 'Quantity 66 is not a multiple of the lot size 65' });
    const missing = failure(parseResponse(ENDPOINTS.cancelOrder, 404, '{"status":"error","message":"Order 9 not found"}'));
    expect(brokerErrorOf(missing, 'cancel').kind).toBe('not-found');
    expect(brokerErrorOf(missing, 'modify').kind).toBe('not-found');
    expect(brokerErrorOf(openAlgoError('not-found', 'placeorder', 'Broker-specific module not found'), 'place').kind).toBe('rejected');
  });

  it('semi-auto blocks and local validation are rejections: nothing was sent or done', () => {
    const blocked = failure(parseResponse(ENDPOINTS.cancelOrder, 403, '{"status":"error","message":"Cancel order is not allowed in Semi-Auto mode. Please switch to Auto mode"}'));
    expect(blocked.kind).toBe('forbidden');
    expect(brokerErrorOf(blocked, 'cancel').kind).toBe('rejected');
    expect(brokerErrorOf(openAlgoError('validation', 'placeorder', 'invalid placeorder request: quantity'), 'place').kind).toBe('rejected');
  });

  it('a refused or unresolvable connection is unavailable (no byte left); any other lost connection after a write is an unknown outcome', () => {
    const refused = openAlgoError('unknown-outcome', 'placeorder', 'placeorder lost its connection (fetch failed: connect ECONNREFUSED 127.0.0.1:5000): check the order book', { cause: 'network' });
    expect(brokerErrorOf(refused, 'place').kind).toBe('unavailable');
    const unresolved = openAlgoError('unknown-outcome', 'cancelorder', 'cancelorder lost its connection (fetch failed: getaddrinfo ENOTFOUND openalgo.lan): check the order book', { cause: 'network' });
    expect(brokerErrorOf(unresolved, 'cancel').kind).toBe('unavailable');
    const reset = openAlgoError('unknown-outcome', 'placeorder', 'placeorder lost its connection (fetch failed: other side closed): check the order book', { cause: 'network' });
    expect(brokerErrorOf(reset, 'place').kind).toBe('unknown-outcome');
    const timeout = openAlgoError('unknown-outcome', 'modifyorder', 'modifyorder timed out after 10000 ms', { cause: 'timeout' });
    expect(brokerErrorOf(timeout, 'modify').kind).toBe('unknown-outcome');
  });

  it('failed reads change nothing: unavailable', () => {
    for (const kind of ['network', 'timeout', 'server', 'protocol', 'validation', 'broker'] as const) {
      expect(brokerErrorOf(openAlgoError(kind, 'orderbook', 'x'), 'read').kind).toBe('unavailable');
    }
  });
});
