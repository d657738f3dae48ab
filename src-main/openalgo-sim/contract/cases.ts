import { readFileSync } from 'node:fs';

/**
 * The contract between the simulator and OpenAlgo: one list of cases, each a request and OpenAlgo's
 * answer to it, recorded in `src-main/openalgo/fixtures/contract/` (schema errors by running OpenAlgo's
 * marshmallow schemas, the rest assembled from its code; see the NOTICE there). The suite sends each
 * request to the running simulator and holds its answer and the recorded one to the same checks.
 */
export interface RestCase {
  readonly id: string;
  readonly source: string;
  readonly request: {
    readonly method: string;
    readonly path: string;
    readonly query?: Readonly<Record<string, string>>;
    readonly body?: unknown;
    /** Bytes to send instead of `body` (a body that is not JSON). */
    readonly raw?: string;
    readonly contentType?: string;
  };
  readonly response: { readonly status: number; readonly body: unknown };
}

export interface WsCase {
  readonly id: string;
  readonly source: string;
  readonly setup?: 'expire-session';
  readonly steps: readonly ({ readonly send: unknown } | { readonly expect: unknown })[];
}

/** How the simulator's answer must agree with OpenAlgo's, and what else both must show. */
export interface Expectation {
  /** `exact`: the same body; `shape`: the same keys, JSON types and nulls (values are the market's). */
  readonly compare: 'exact' | 'shape';
  readonly setup?: 'expire-session';
  /** Facts from the issue, checked on both answers; a string names the one that fails. */
  readonly facts?: (body: Body) => string | undefined;
}

type Body = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any -- fact checks read arbitrary JSON

const FIXTURES = new URL('../../openalgo/fixtures/contract/', import.meta.url);
const read = <T>(name: string): T => JSON.parse(readFileSync(new URL(name, FIXTURES), 'utf8')) as T;

export const REST_CASES: readonly RestCase[] = [...read<RestCase[]>('rest-validation.json'), ...read<RestCase[]>('rest-behaviour.json')];
export const WS_CASES: readonly WsCase[] = read<WsCase[]>('ws.json');

const fact = (ok: boolean, message: string): string | undefined => (ok ? undefined : message);
const exact: Expectation = { compare: 'exact' };
const shape: Expectation = { compare: 'shape' };
const expired: Expectation = { compare: 'exact', setup: 'expire-session' };

/** Every schema error is compared byte for byte: OpenAlgo's text is the contract. */
const validationIds = read<RestCase[]>('rest-validation.json').map((c) => c.id);

export const EXPECTATIONS: Readonly<Record<string, Expectation>> = {
  ...Object.fromEntries(validationIds.map((id) => [id, exact])),
  'unknown-api-path': { compare: 'exact', facts: (b) => fact(b.status === 'error' && !('data' in b), 'an unknown path must not look like a success') },
  'unknown-api-subpath': exact,
  'get-on-post-resource': exact,
  'post-on-get-resource': exact,
  'ping-trailing-slash': shape,
  'placeorder-not-json': exact,
  'basketorder-not-json': exact,
  'quotes-not-json': exact,
  'optiongreeks-null-body': exact,
  'funds-wrong-key': exact,
  'optiongreeks-wrong-key': exact,
  'instruments-wrong-key': exact,
  'market-timings-wrong-key-holiday': exact,
  'market-timings-trading-day': exact,
  'market-timings-bad-date': exact,
  'market-holidays-2026': { compare: 'shape', facts: (b) => fact(b.data.some((h: Body) => h.date === '2026-11-10'), '10 Nov 2026 must be listed as a holiday') },
  'expired-ping': expired,
  'expired-optiongreeks': expired,
  'expired-multioptiongreeks': expired,
  'expired-instruments': { compare: 'shape', setup: 'expire-session' },
  'placeorder-lowercase-action-string-quantity': shape,
  'optionsorder-lowercase': { compare: 'shape', facts: (b) => fact(b.option_type === 'CE' && b.offset === 'atm', 'option_type is upper-cased and offset echoed as sent') },
  'optionchain-default': {
    compare: 'shape',
    facts: (b) => fact(b.forward_price === null && b.greeks_included === false && !('delta' in b.chain[0].ce), 'without with_greeks: forward_price null, no Greeks'),
  },
  'optionchain-with-greeks': {
    compare: 'shape',
    facts: (b) => fact(typeof b.forward_price === 'number' && b.greeks_included === true && typeof b.chain[1].ce.delta === 'number', 'with_greeks: a forward price and Greeks on every priced leg'),
  },
  'optionchain-missing-leg': { compare: 'shape', facts: (b) => fact(b.chain.at(-1).pe === null && b.chain[0].pe !== null, 'a leg missing from the master contract is null') },
  'optionchain-unknown-expiry': exact,
  syntheticfuture: shape,
  'multioptiongreeks-partial': { compare: 'shape', facts: (b) => fact(b.status === 'partial' && b.summary.failed === 1, 'one of two failing is partial') },
  'instruments-nfo': { compare: 'shape', facts: (b) => fact(b.data.every((r: Body) => !('freeze_qty' in r)), 'the symbol master carries no freeze_qty') },
  'ticker-json': { compare: 'shape', facts: (b) => fact(b.data.every((r: Body) => !('oi' in r)), 'ticker rows are the broker frame, without oi') },
  'ticker-missing-from': exact,
  'history-holiday-only': exact,
  'history-daily': shape,
  'history-unknown-symbol': exact,
  'multiquotes-mixed': { compare: 'shape', facts: (b) => fact('error' in b.results[0] && 'data' in b.results[1], 'invalid symbols come first') },
  'basketorder-completion-order': {
    compare: 'shape',
    facts: (b) => {
      const failed = b.results.filter((r: Body) => r.status === 'error');
      return fact(failed.every((r: Body) => Object.keys(r).sort().join() === 'message,status,symbol'), 'a failed basket row carries only symbol, status and message');
    },
  },
  'orderbook-live-row': { compare: 'shape', facts: (b) => fact(b.data.orders.every((o: Body) => Object.keys(o).length === 11), 'a live order row has the broker mapper’s eleven keys') },
};
