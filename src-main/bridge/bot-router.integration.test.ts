import { afterEach, describe, expect, it } from 'vitest';
import { silentLogger } from '#core/log';
import { BotDay } from '#engine/bots/testing/bot-day';
import { commands, streams } from '#contract/channels';
import { createRouter, type StreamSink } from './router.ts';

let day: BotDay | undefined;
afterEach(async () => {
  await day?.close();
  day = undefined;
});

const sink = (): StreamSink & { snapshots: unknown[]; deltas: unknown[] } => {
  const s = { snapshots: [] as unknown[], deltas: [] as unknown[], snapshot: (d: unknown) => s.snapshots.push(d), delta: (d: unknown) => s.deltas.push(d) };
  return s;
};

describe('the bots over the bridge', () => {
  it('reads, checks and sets a bot’s parameters, pauses and resumes it, and streams its signals and row in the contract’s shapes', async () => {
    day = await BotDay.start({ day: '2026-11-25', seed: 8, session: 's1' });
    const router = createRouter(day.engine, silentLogger());

    const params = await router.invoke('bot:params:get', { botId: 'iron-condor' });
    expect(params.ok).toBe(true);
    if (params.ok) {
      const dto = commands['bot:params:get'].output.parse(params.value);
      expect(dto.fields.find((f) => f.key === 'shortDelta')).toMatchObject({ kind: 'number', default: 0.2, min: 0.05, max: 0.45, label: 'Short strikes at delta' });
      expect(dto.values['takeProfitPct']).toBe(50);
      expect(dto).toMatchObject({ execution: 'paper', regimes: ['ranging'], allocation: 1_000_000, maxAllocation: 1_000_000 });
    }
    const bad = await router.invoke('bot:params:validate', { botId: 'iron-condor', params: { shortDelta: 0.9 } });
    expect(bad).toMatchObject({ ok: false, error: { kind: 'invalid-input', message: expect.stringMatching(/shortDelta/) } });
    const unknownKey = await router.invoke('bot:params:set', { botId: 'iron-condor', force: true });
    expect(unknownKey).toMatchObject({ ok: false, error: { kind: 'invalid-input' } });
    const set = await router.invoke('bot:params:set', { botId: 'iron-condor', params: { ivPercentileMin: 10, ivPercentileMax: 90, atrPctMax: 2, narrowBandwidthPct: 8 }, regimes: ['ranging', 'volatile'] });
    expect(set).toMatchObject({ ok: true, value: { values: { ivPercentileMin: 10 }, regimes: ['ranging', 'volatile'] } });

    const signals = sink();
    const bots = sink();
    const offSignals = router.subscribe('signals', { botId: 'iron-condor' }, signals);
    const offBots = router.subscribe('bots', {}, bots);
    expect(offSignals.ok && offBots.ok).toBe(true);
    expect(signals.snapshots).toEqual([[]]);
    expect(await router.invoke('bot:start', { botId: 'iron-condor' })).toMatchObject({ ok: true, value: { state: 'running', available: true } });
    expect(await router.invoke('bot:pause', { botId: 'iron-condor' })).toMatchObject({ ok: true, value: { state: 'paused' } });
    expect(await router.invoke('bot:resume', { botId: 'iron-condor' })).toMatchObject({ ok: true, value: { state: 'running' } });
    expect(await router.invoke('bot:start', { botId: 'momentum-rider' })).toMatchObject({ ok: true });
    await day.runTo(40);

    expect(signals.deltas.length).toBeGreaterThan(0);
    for (const d of signals.deltas) expect(streams.signals.delta.parse(d).botId).toBe('iron-condor');
    const last = bots.deltas.at(-1);
    const row = streams.bots.delta.parse(last);
    expect(row).toHaveProperty('pnlToday');
    const condor = bots.deltas.map((b) => streams.bots.delta.parse(b)).filter((b) => b.id === 'iron-condor' && b.lastSignal).at(-1)!;
    expect(condor.lastSignal!.reason.length).toBeGreaterThan(0);
    if (offSignals.ok) offSignals.value();
    if (offBots.ok) offBots.value();
  }, 60_000);
});
