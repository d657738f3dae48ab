import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { createRandom, type Random } from '#core/random';
import type { z } from 'zod';
import { ENDPOINT_NAMES, ENDPOINTS, type EndpointSpec } from './endpoints.ts';
import { OpenAlgoErrorKind } from './errors.ts';
import { parseResponse } from './parse-response.ts';
import { parseWsFrame } from './wire/ws.ts';

/**
 * Seeded fuzzing of every parser: random bytes, random JSON and mutations of the real fixtures. Nothing
 * may throw, and every rejection must be one of the typed kinds.
 */
const dir = new URL('./fixtures/', import.meta.url);
const restSeeds = [
  'F1-placeorder.json', 'F2-orderbook.json', 'F3-positionbook.json', 'F4-funds.json', 'F5-quotes.json', 'F6-depth.json',
  'F7-optionsmultiorder-analyze.json', 'F8-cancelallorder-partial.json', 'F9-rate-limit-429.json', 'tradebook.json', 'holdings.json',
  'orderstatus.json', 'optionsorder.json', 'multiquotes.json', 'history-code.json', 'symbol.json', 'search.json', 'optiongreeks.json',
  'optionchain-default.json', 'optionchain-greeks.json', 'cancelallorder-strings.json', 'cancelallorder-tradejini.json', 'basketorder-completion-order.json',
  'instruments.json', 'instruments-validation-error.json', 'market-holidays.json', 'multioptiongreeks-partial.json', 'syntheticfuture.json',
].map((f) => JSON.parse(readFileSync(new URL(f, dir), 'utf8')) as unknown);
const wsSeeds = [
  ...readFileSync(new URL('F10-ws-frames.jsonl', dir), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as unknown),
  { type: 'market_data', symbol: 'SBIN', exchange: 'NSE', mode: 3, data: { ltp: '800.5', depth: { buy: [{ price: 800, quantity: 10 }], sell: [{ price: 801, quantity: '5' }] } } },
  { type: 'subscribe', status: 'partial', subscriptions: [], request_id: 'r1' },
];

const ATOMS: unknown[] = [null, true, false, 0, -1, 1e308, -0, 0.1, '', '0', '1.5', 'NaN', 'Infinity', '1e999', 'success', 'error', 'market_data', [], {}, '  12 ', '\u0000'];

function randomValue(r: Random, depth: number): unknown {
  const k = r.int(0, depth > 3 ? 2 : 5);
  if (k <= 2) return ATOMS[r.int(0, ATOMS.length - 1)];
  if (k === 3) return Array.from({ length: r.int(0, 4) }, () => randomValue(r, depth + 1));
  if (k === 4) return Object.fromEntries(Array.from({ length: r.int(0, 5) }, () => [['status', 'data', 'type', 'mode', 'ltp', 'orderid', 'results', 'message', 'x'][r.int(0, 8)]!, randomValue(r, depth + 1)]));
  return String.fromCharCode(...Array.from({ length: r.int(0, 12) }, () => r.int(0, 0x2ff)));
}

function mutate(r: Random, v: unknown, depth = 0): unknown {
  if (depth > 6) return v;
  if (Array.isArray(v)) {
    const out = v.map((x) => (r.next() < 0.3 ? mutate(r, x, depth + 1) : x));
    if (r.next() < 0.1) out.pop();
    if (r.next() < 0.1) out.push(randomValue(r, depth));
    return out;
  }
  if (v && typeof v === 'object') {
    const out: Record<string, unknown> = { ...(v as Record<string, unknown>) };
    for (const key of Object.keys(out)) {
      const p = r.next();
      if (p < 0.08) delete out[key];
      else if (p < 0.2) out[key] = randomValue(r, depth);
      else if (p < 0.5) out[key] = mutate(r, out[key], depth + 1);
    }
    return out;
  }
  if (typeof v === 'number' && r.next() < 0.5) return r.next() < 0.5 ? String(v) : -v;
  if (typeof v === 'string' && r.next() < 0.3) return v.slice(0, r.int(0, v.length));
  return r.next() < 0.2 ? randomValue(r, depth) : v;
}

function serialize(r: Random, v: unknown): string {
  const s = JSON.stringify(v) ?? 'undefined';
  const p = r.next();
  if (p < 0.05) return s.slice(0, r.int(0, s.length));
  if (p < 0.08) return s.replace(/[0-9]/, 'x');
  return s;
}

const KINDS = new Set<string>(Object.values(OpenAlgoErrorKind));
const STATUSES = [200, 200, 200, 200, 400, 401, 403, 404, 429, 500, 502, 201];

describe('parser fuzz (seeded)', () => {
  it('REST parsers: 60,000 random and mutated responses, no throw, only typed errors', () => {
    const r = createRandom(20260822);
    let rejected = 0;
    for (let i = 0; i < 60_000; i++) {
      const name = ENDPOINT_NAMES[r.int(0, ENDPOINT_NAMES.length - 1)]!;
      const body = r.next() < 0.7 ? mutate(r, restSeeds[r.int(0, restSeeds.length - 1)]) : randomValue(r, 0);
      const res = parseResponse(ENDPOINTS[name] as EndpointSpec<z.ZodType, z.ZodType>, STATUSES[r.int(0, STATUSES.length - 1)]!, serialize(r, body), { keyWorked: r.next() < 0.5 });
      if (!res.ok) {
        rejected++;
        expect(KINDS.has(res.error.kind)).toBe(true);
        expect(typeof res.error.message).toBe('string');
      }
    }
    expect(rejected).toBeGreaterThan(10_000);
  });

  it('WebSocket frame parser: 60,000 random and mutated frames, no throw, only protocol errors', () => {
    const r = createRandom(8765);
    let ticks = 0;
    for (let i = 0; i < 60_000; i++) {
      const body = r.next() < 0.75 ? mutate(r, wsSeeds[r.int(0, wsSeeds.length - 1)]) : randomValue(r, 0);
      const res = parseWsFrame(serialize(r, body));
      if (!res.ok) expect(res.error.kind).toBe('protocol');
      else if (res.value.kind === 'market-data') {
        ticks++;
        expect(Number.isFinite(res.value.tick.ltp)).toBe(true);
        expect(res.value.tick.ltp).toBeGreaterThanOrEqual(0);
      }
    }
    expect(ticks).toBeGreaterThan(1000);
  });
});
