import { describe, expect, it } from 'vitest';
import { createEngineWatch, feedNotice } from './notices.ts';

describe('notices', () => {
  it('tell feed trouble once per change, and the recovery', () => {
    const connected = { name: 'openalgo', state: 'connected' as const };
    const expired = { name: 'openalgo', state: 'expired' as const };
    expect(feedNotice(connected, expired)).toMatchObject({ key: 'feed', tone: 'bad', title: 'Market data expired' });
    expect(feedNotice(expired, expired)).toBeUndefined();
    expect(feedNotice(expired, connected)).toMatchObject({ tone: 'good' });
    expect(feedNotice(undefined, connected)).toBeUndefined();
  });
  it('tell an engine loss and its return, not the first connection of the page', () => {
    const watch = createEngineWatch();
    expect(watch('connecting', false)).toBeUndefined();
    expect(watch('open', false)).toBeUndefined();
    expect(watch('closed', false)).toMatchObject({ key: 'engine', tone: 'bad', title: 'Engine disconnected' });
    expect(watch('connecting', false)).toBeUndefined();
    expect(watch('closed', false)).toBeUndefined();
    expect(watch('open', false)).toMatchObject({ tone: 'good', title: 'Engine connected again' });
    expect(watch('open', true)).toMatchObject({ title: 'The engine is not answering' });
    expect(watch('open', false)).toMatchObject({ tone: 'good' });
  });
});
