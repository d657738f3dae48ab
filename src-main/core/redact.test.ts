import { describe, expect, it } from 'vitest';
import { createLogger } from './log.ts';
import { redactText, registerSecret, REDACTED } from './redact.ts';

/** A logger writing into an array, as the file logger would write lines. */
function capture() {
  const lines: string[] = [];
  const logger = createLogger({ level: 'debug', destination: { write: (line: string) => void lines.push(line) } });
  const records = () => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
  return { logger, lines, records };
}

const SAVED_KEY = 'f3a9c1d27e6b48a0b5c4d3e2f1a0b9c8d7e6f5a4b3c2d1e0f9a8b7c6d5e4f3a2';

describe('log redaction', () => {
  it('keeps the key out of an OpenAlgo WebSocket error that echoes the authenticate request', () => {
    registerSecret(SAVED_KEY);
    const { logger, lines } = capture();
    const echoed = JSON.stringify({ action: 'authenticate', api_key: SAVED_KEY });
    const wsError = new Error(`WebSocket error: invalid message ${echoed}`);
    logger.warn({ err: wsError, frame: echoed }, 'OpenAlgo feed error');
    logger.error(wsError);
    logger.warn(`feed rejected ${echoed}`);
    expect(lines.join('')).not.toContain(SAVED_KEY);
    expect(lines.join('')).toContain(REDACTED);
  });

  it('censors a key it was never told about when the text names it', () => {
    const unknownKey = 'k9k9k9k9k9k9k9k9unregistered';
    const { logger, lines, records } = capture();
    const echoed = JSON.stringify({ action: 'authenticate', api_key: unknownKey });
    logger.warn({ err: new Error(`rejected ${echoed}`) }, `server said ${echoed}`);
    logger.info({ url: `http://127.0.0.1:5000/api/v1/ping?apikey=${unknownKey}&x=1` }, 'request');
    logger.info(`Authorization: Bearer ${unknownKey}`);
    logger.info(`token=${unknownKey}; password: ${unknownKey}`);
    logger.info({ request: `GET /bridge HTTP/1.1\r\nCookie: terminal_token_7300=${unknownKey}` }, 'upgrade');
    expect(lines.join('')).not.toContain(unknownKey);
    expect(records()[1]?.url).toBe(`http://127.0.0.1:5000/api/v1/ping?apikey=${REDACTED}&x=1`);
  });

  it('censors secret-named fields at any depth, in arrays and in child bindings, and keeps the line valid JSON', () => {
    const { logger, records } = capture();
    const deep = {
      a: { b: { c: { d: { e: { api_key: 'v-api_key', apikey: 'v-apikey', apiKey: 'v-apiKey', token: 'v-token' } } } } },
      headers: { Authorization: 'Bearer v-auth', 'X-API-KEY': 'v-header' },
      users: [{ name: 'me', password: 'v-password' }, [{ clientSecret: 'v-secret', refresh_token: 99 }]],
      hasApiKey: true,
      keyChanged: false,
    };
    logger.child({ session: { authToken: 'v-binding' } }).info(deep, 'nested');
    const [line] = records();
    expect(JSON.stringify(line)).not.toMatch(/v-/);
    expect(line).toMatchObject({
      a: { b: { c: { d: { e: { api_key: REDACTED, apikey: REDACTED, apiKey: REDACTED, token: REDACTED } } } } },
      headers: { Authorization: REDACTED, 'X-API-KEY': REDACTED },
      users: [{ name: 'me', password: REDACTED }, [{ clientSecret: REDACTED, refresh_token: REDACTED }]],
      session: { authToken: REDACTED },
      hasApiKey: true,
      keyChanged: false,
      msg: 'nested',
    });
  });

  it('censors error messages, stacks, causes and error properties', () => {
    const key = 'errkey-7f7f7f7f7f7f7f7f';
    registerSecret(key);
    const { logger, lines, records } = capture();
    const cause = new Error(`upstream refused key ${key}`);
    const e = Object.assign(new Error(`request failed for ${key}`, { cause }), { request: { body: { apikey: 'other-unregistered-value' } } });
    logger.error({ err: e }, 'call failed');
    const all = lines.join('');
    expect(all).not.toContain(key);
    expect(all).not.toContain('other-unregistered-value');
    const err = records()[0]?.err as { message: string; stack: string; request: unknown };
    expect(err.message).toContain(`request failed for ${REDACTED}`);
    expect(err.stack).toContain(REDACTED);
    expect(err.request).toEqual({ body: { apikey: REDACTED } });
  });

  it('leaves ordinary lines alone', () => {
    const { logger, records } = capture();
    logger.info({ symbol: 'NIFTY', tokens: 3, note: 'token bucket refilled' }, 'quote');
    expect(records()[0]).toMatchObject({ symbol: 'NIFTY', tokens: 3, note: 'token bucket refilled', msg: 'quote' });
  });

  it('redacts registered values in free text and ignores values too short to be secrets', () => {
    registerSecret('abc');
    registerSecret(undefined);
    registerSecret('s3cr3t-value-with"quote');
    expect(redactText('abc stays')).toBe('abc stays');
    expect(redactText('x s3cr3t-value-with"quote y')).toBe(`x ${REDACTED} y`);
    expect(redactText(JSON.stringify({ v: 's3cr3t-value-with"quote' }))).not.toContain('s3cr3t');
  });
});
