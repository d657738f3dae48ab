import { describe, expect, it } from 'vitest';
import { createEngineWatch, feedNotice, storeNotice } from './notices.ts';

describe('notices', () => {
  it('tell feed trouble once per change, and the recovery', () => {
    const connected = { name: 'openalgo', state: 'connected' as const };
    const expired = { name: 'openalgo', state: 'expired' as const };
    expect(feedNotice(connected, expired)).toMatchObject({ key: 'feed', tone: 'bad', title: 'Market data expired' });
    expect(feedNotice(expired, expired)).toBeUndefined();
    expect(feedNotice(expired, connected)).toMatchObject({ tone: 'good' });
    expect(feedNotice(undefined, connected)).toBeUndefined();
  });
  it('tell when the database starts refusing writes, a change of what it refuses, and when it takes them again', () => {
    const locked = { where: 'a tick', message: "database is locked (another program held the database's write lock for more than 5 s)", since: 1000 };
    expect(storeNotice(undefined, locked)).toEqual({
      key: 'store',
      tone: 'bad',
      title: 'The database refused a write',
      body: "On a tick: database is locked (another program held the database's write lock for more than 5 s). No order goes out before it is written, so none can while this lasts: close the program holding terminal.sqlite, or free disk space.",
    });
    expect(storeNotice(locked, { ...locked })).toBeUndefined();
    expect(storeNotice(locked, { ...locked, where: "the bots' closed-bar instant" })).toMatchObject({ key: 'store', tone: 'bad', body: expect.stringMatching(/^On the bots' closed-bar instant: /) });
    expect(storeNotice(locked, undefined)).toMatchObject({ key: 'store', tone: 'good', title: 'The database takes writes again' });
    expect(storeNotice(undefined, undefined)).toBeUndefined();
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
