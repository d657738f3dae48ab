import { describe, expect, it } from 'vitest';
import { canReconnect, feedStateText } from './feed-state.ts';

const at = Date.UTC(2026, 10, 25, 21, 30); // 03:00 IST next day

describe('feed state for the trader', () => {
  it('offers Reconnect only where the terminal stopped retrying by itself', () => {
    expect(['expired', 'error', 'stale'].map((state) => canReconnect({ name: 'openalgo', state: state as 'expired' }))).toEqual([true, true, true]);
    expect(['connected', 'connecting', 'reconnecting', 'idle', 'stopped'].map((state) => canReconnect({ name: 'openalgo', state: state as 'connected' }))).toEqual([false, false, false, false, false]);
    expect(canReconnect(undefined)).toBe(false);
  });

  it('says what to do after the broker session ended, and since when', () => {
    const text = feedStateText({ name: 'openalgo', state: 'expired', since: at, message: 'OpenAlgo session expired: log in to your broker in OpenAlgo (OpenAlgo: BROKER_ERROR …)' });
    expect(text).toContain('since 03:00 IST');
    expect(text).toMatch(/Log in to your broker in OpenAlgo/);
    expect(text).toMatch(/comes back by itself within a minute/);
  });

  it('passes the engine’s reason through for an error', () => {
    expect(feedStateText({ name: 'openalgo', state: 'error', message: 'OpenAlgo rejected the API key (Invalid API key)' })).toContain('rejected the API key');
  });
});
