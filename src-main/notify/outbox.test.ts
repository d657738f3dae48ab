import { describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { silentLogger } from '#core/log';
import { ok } from '#core/result';
import { DEFAULT_NOTIFICATIONS, type NotifyKind } from '#config/notify-schema';
import type { Notification, NotificationSink } from './notification.ts';
import { NotificationOutbox } from './outbox.ts';

const note = (kind: NotifyKind, i: number, ts = 0): Notification => ({ kind, title: `${kind} ${i}`, body: `body ${i}`, urgent: kind !== 'fill', tsEvent: ts });

function recordingSink(): NotificationSink & { sent: Notification[] } {
  const sent: Notification[] = [];
  return { name: 'recording', sent, send: async (n) => (sent.push(n), ok(undefined)) };
}

const flush = () => new Promise((r) => setImmediate(r));

describe('NotificationOutbox', () => {
  it('sends the burst, then holds the first over the rate and sends it with "and N more" at the next token', async () => {
    const clock = new SimClock(0);
    const sink = recordingSink();
    const rules = { ...DEFAULT_NOTIFICATIONS.rules, fill: { enabled: true, burst: 2, perMinute: 6 } };
    const outbox = new NotificationOutbox({ clock, rules, sinks: [sink], logger: silentLogger() });
    for (let i = 1; i <= 7; i++) outbox.notify(note('fill', i));
    await flush();
    expect(sink.sent.map((n) => n.title)).toEqual(['fill 1', 'fill 2']);
    clock.advanceTo(9_999);
    await flush();
    expect(sink.sent).toHaveLength(2);
    clock.advanceTo(10_000);
    await flush();
    expect(sink.sent[2]).toMatchObject({ title: 'fill 3 (and 4 more)', body: 'body 3\n…and 4 more fills since.' });
    // The bucket is empty again: the next one is held too, alone.
    outbox.notify(note('fill', 8));
    clock.advanceTo(20_000);
    await flush();
    expect(sink.sent.map((n) => n.title)).toEqual(['fill 1', 'fill 2', 'fill 3 (and 4 more)', 'fill 8']);
  });

  it('keeps a bucket per kind, so a flood of fills never delays a risk breach', async () => {
    const clock = new SimClock(0);
    const sink = recordingSink();
    const outbox = new NotificationOutbox({ clock, rules: DEFAULT_NOTIFICATIONS.rules, sinks: [sink], logger: silentLogger() });
    for (let i = 0; i < 50; i++) outbox.notify(note('fill', i));
    outbox.notify(note('risk', 1));
    await flush();
    expect(sink.sent.filter((n) => n.kind === 'risk')).toHaveLength(1);
    expect(sink.sent.filter((n) => n.kind === 'fill')).toHaveLength(DEFAULT_NOTIFICATIONS.rules.fill.burst);
  });

  it('sends nothing for a disabled kind, and nothing after close', async () => {
    const clock = new SimClock(0);
    const sink = recordingSink();
    const rules = { ...DEFAULT_NOTIFICATIONS.rules, fill: { enabled: false, burst: 5, perMinute: 6 }, risk: { enabled: true, burst: 1, perMinute: 1 } };
    const outbox = new NotificationOutbox({ clock, rules, sinks: [sink], logger: silentLogger() });
    outbox.notify(note('fill', 1));
    outbox.notify(note('risk', 1));
    outbox.notify(note('risk', 2));
    outbox.close();
    clock.advanceTo(120_000);
    outbox.notify(note('risk', 3));
    await flush();
    expect(sink.sent.map((n) => n.title)).toEqual(['risk 1']);
  });

  it('fans out to every sink, and one failing sink does not stop the others', async () => {
    const clock = new SimClock(0);
    const good = recordingSink();
    const broken: NotificationSink = { name: 'broken', send: () => Promise.reject(new Error('boom')) };
    const outbox = new NotificationOutbox({ clock, rules: DEFAULT_NOTIFICATIONS.rules, sinks: [broken, good], logger: silentLogger() });
    outbox.notify(note('rejection', 1));
    await flush();
    expect(good.sent).toHaveLength(1);
  });
});
