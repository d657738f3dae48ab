import { describe, expect, it } from 'vitest';
import { applyPatch, defaultSettings, readSettings } from './bot-settings.ts';
import { BOT_DEFINITIONS } from './definitions.ts';

const straddle = BOT_DEFINITIONS['short-straddle'];
const rules = { mode: 'simulation' as const, riskCapital: 250_000 };

describe('bot settings', () => {
  it('defaults: the bot’s own parameter defaults, risk’s capital, paper, its regimes', () => {
    const s = defaultSettings(straddle, 250_000);
    expect(s).toMatchObject({ allocation: 250_000, execution: 'paper', regimes: ['ranging', 'volatile'] });
    expect(s.params).toMatchObject({ ivPercentileMin: 72, stopLossPct: 40, targetPct: 25, underlyings: ['NIFTY', 'BANKNIFTY'] });
  });

  it('merges a parameter change over the current ones and checks the whole set with the bot’s schema', () => {
    const s = defaultSettings(straddle, 250_000);
    const r = applyPatch(straddle, s, { params: { ivPercentileMin: 60 } }, rules);
    expect(r.ok && r.value.settings.params).toMatchObject({ ivPercentileMin: 60, stopLossPct: 40 });
    const bad = applyPatch(straddle, s, { params: { ivPercentileMin: 150, entryEnd: '16:00', nope: 1 } }, rules);
    expect(bad.ok).toBe(false);
    if (!bad.ok) {
      expect(bad.error.message).toMatch(/ivPercentileMin/);
      expect(bad.error.message).toMatch(/entryEnd/);
      expect(bad.error.message).toMatch(/nope/);
    }
  });

  it('refuses an allocation above what risk allows the bot, and live orders outside a live terminal', () => {
    const s = defaultSettings(straddle, 250_000);
    const over = applyPatch(straddle, s, { allocation: 300_000 }, rules);
    expect(!over.ok && over.error.message).toMatch(/risk\.bots\.short-straddle\.capital/);
    const live = applyPatch(straddle, s, { execution: 'live' }, rules);
    expect(!live.ok && live.error.message).toMatch(/live mode/);
    expect(applyPatch(straddle, s, { execution: 'live' }, { ...rules, mode: 'live' }).ok).toBe(true);
  });

  it('reads stored settings back, and says what is wrong with a row that no longer reads', () => {
    const s = defaultSettings(straddle, 250_000);
    const back = readSettings(straddle, JSON.parse(JSON.stringify(s)));
    expect(back.ok && back.value.settings).toEqual(s);
    const broken = readSettings(straddle, { ...s, params: { ...s.params, stopLossPct: 'forty' } });
    expect(!broken.ok && broken.error.message).toMatch(/stopLossPct/);
    expect(readSettings(straddle, 'garbage').ok).toBe(false);
  });
});
