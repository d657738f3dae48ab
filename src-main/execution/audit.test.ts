import { afterEach, describe, expect, it } from 'vitest';
import { SimClock } from '#core/clock';
import { botId, intentId } from '#model/ids';
import { AuditRepository } from '#store/audit-repository';
import { exportAuditCsv } from '#store/audit-csv';
import { AuditTrail, redactSecrets } from './audit.ts';
import { ExecutionHarness } from './testing/execution-harness.ts';
import { CE_26000 } from './testing/fixtures.ts';

let h: ExecutionHarness;
afterEach(() => h?.close());

const kinds = () => (h.store.sqlite.prepare('SELECT kind, COUNT(*) AS n FROM audit_log GROUP BY kind ORDER BY kind').all() as { kind: string; n: number }[]).map((r) => `${r.kind}:${r.n}`);

describe('audit trail', () => {
  it('records the whole order path: intent, order, risk decision, every state change, fill', async () => {
    h = new ExecutionHarness();
    await h.manager.submit({ kind: 'place', intentId: intentId('a-1'), botId: botId('b'), instrumentId: CE_26000.id, side: 'BUY', quantity: 75, type: 'MARKET', product: 'NRML', reason: 'entry' });
    await h.flush();
    expect(kinds()).toEqual(['fill:1', 'intent:1', 'order:1', 'order-event:3', 'risk-decision:1']);
    const rows = h.store.sqlite.prepare('SELECT kind, actor, subject FROM audit_log ORDER BY seq').all();
    expect(rows).toMatchObject([
      { kind: 'intent', actor: 'bot:b', subject: 'a-1' },
      { kind: 'order', actor: 'bot:b' },
      { kind: 'risk-decision', actor: 'risk' },
      { kind: 'order-event', actor: 'execution' },
      { kind: 'order-event', actor: 'broker' },
      { kind: 'fill', actor: 'broker' },
      { kind: 'order-event', actor: 'broker' },
    ]);
  });

  it('records user actions with their actor and the engine clock, and never a secret', async () => {
    h = new ExecutionHarness();
    h.manager.audit.record('arm', 'trader', { account: 'ZX1234', rememberToday: false }, 'live');
    h.clock.advanceBy(5000);
    h.manager.audit.record('config-change', 'trader', { openalgo: { host: 'http://127.0.0.1:5000', apiKey: 'sekret-key' }, password: 'p' });
    const rows = h.store.sqlite.prepare("SELECT ts, kind, actor, subject, payload FROM audit_log WHERE actor = 'trader' ORDER BY seq").all() as { ts: number; payload: string }[];
    expect(rows).toMatchObject([
      { kind: 'arm', actor: 'trader', subject: 'live', payload: '{"account":"ZX1234","rememberToday":false}' },
      { kind: 'config-change', actor: 'trader', subject: null },
    ]);
    expect(rows[1]!.ts - rows[0]!.ts).toBe(5000);
    expect(rows[1]!.payload).not.toContain('sekret');
    expect(JSON.parse(rows[1]!.payload)).toEqual({ openalgo: { host: 'http://127.0.0.1:5000', apiKey: '[redacted]' }, password: '[redacted]' });
  });

  it('is append-only: the database refuses UPDATE and DELETE on the log', async () => {
    h = new ExecutionHarness();
    h.manager.audit.record('start', 'trader', { bot: 'b' });
    expect(() => h.store.sqlite.prepare("UPDATE audit_log SET actor = 'someone else'").run()).toThrow(/audit_log is append-only: UPDATE refused/);
    expect(() => h.store.sqlite.prepare('DELETE FROM audit_log').run()).toThrow(/audit_log is append-only: DELETE refused/);
    expect(h.store.sqlite.prepare('SELECT actor FROM audit_log').all()).toEqual([{ actor: 'trader' }]);
  });

  it('exports what it recorded as CSV, in order, within a time range', async () => {
    h = new ExecutionHarness();
    const clock = new SimClock(1_764_563_400_000);
    const trail = new AuditTrail(new AuditRepository(h.store.sqlite), clock);
    trail.record('start', 'trader', { bot: 'b, "the first"' }, 'b');
    clock.advanceBy(1000);
    trail.record('stop', 'trader', { why: 'line one\nline two' }, 'b');
    clock.advanceBy(1000);
    trail.record('kill', 'trader', {});
    let out = '';
    const written = exportAuditCsv(new AuditRepository(h.store.sqlite).entries({ fromTs: 1_764_563_400_000, toTs: 1_764_563_402_000 }), (c) => (out += c));
    expect(written).toBe(2);
    expect(out).toBe(
      'seq,ts_ms,time_ist,kind,actor,subject,payload\r\n' +
        '1,1764563400000,2025-12-01T10:00:00.000+05:30,start,trader,b,"{""bot"":""b, \\""the first\\""""}"\r\n' +
        '2,1764563401000,2025-12-01T10:00:01.000+05:30,stop,trader,b,"{""why"":""line one\\nline two""}"\r\n',
    );
  });

  it('redacts secret-named keys at any depth, in arrays too', () => {
    expect(redactSecrets([{ token: 'x', nested: { Authorization: 'y', keep: 1 } }, 'plain'])).toEqual([{ token: '[redacted]', nested: { Authorization: '[redacted]', keep: 1 } }, 'plain']);
  });
});
