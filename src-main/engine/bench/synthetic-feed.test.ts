import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { instrumentId } from '#model/ids';
import { createSyntheticFeed } from './synthetic-feed.ts';

describe('the synthetic load feed', () => {
  it('keeps its tick rate across instruments even when the paced clock fires a late interval once', async () => {
    const clock = new SimClock(0);
    const ids = Array.from({ length: 41 }, (_, i) => instrumentId('NSE', `SYN${i}`));
    const feed = createSyntheticFeed({ clock, instruments: ids.map((id) => ({ id, price: 100 })), ticksPerSecond: 191, seed: 1 });
    feed.subscribe(ids, 'ltp');
    const seen = new Set<string>();
    feed.onTick((t) => seen.add(t.instrumentId));
    await feed.start();
    for (let t = 100; t <= 10_000; t += 100) clock.advanceTo(t, { coalesceIntervals: true });
    expect(feed.sent()).toBeGreaterThanOrEqual(1900);
    expect(feed.sent()).toBeLessThanOrEqual(1910);
    expect(seen.size).toBe(41);
  });
});
