import { describe, expect, it } from 'vitest';
import { DEFAULT_RISK_CONFIG } from '#config/risk-schema';
import { applyRiskPatch } from './risk-settings.ts';

describe('risk limits changed from the settings screen', () => {
  it('merges a nested change over the saved limits and keeps the rest', () => {
    const r = applyRiskPatch(DEFAULT_RISK_CONFIG, { dailyLoss: { limit: 15_000 }, defaultBot: { maxLots: 2 } });
    expect(r.ok && r.value.dailyLoss).toEqual({ ...DEFAULT_RISK_CONFIG.dailyLoss, limit: 15_000 });
    expect(r.ok && r.value.defaultBot).toEqual({ ...DEFAULT_RISK_CONFIG.defaultBot, maxLots: 2 });
    expect(r.ok && r.value.capital).toBe(DEFAULT_RISK_CONFIG.capital);
  });

  it('refuses what config.json would refuse, naming the field as the file spells it', () => {
    expect(applyRiskPatch(DEFAULT_RISK_CONFIG, { dailyLoss: { limit: -5 } })).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'risk.dailyLoss.limit: Too small: expected number to be >0' } });
    expect(applyRiskPatch(DEFAULT_RISK_CONFIG, { orderRate: { maxPerSecond: 20 } })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^risk\.orderRate\.maxPerSecond: SEBI treats more than 10 orders per second/) } });
    expect(applyRiskPatch(DEFAULT_RISK_CONFIG, { dailyLoss: { action: 'flatten' } })).toMatchObject({ ok: false, error: { message: expect.stringMatching(/^risk\.dailyLoss\.action: /) } });
    expect(applyRiskPatch(DEFAULT_RISK_CONFIG, { dailyLos: { limit: 1 } })).toEqual({ ok: false, error: { kind: 'invalid-input', message: 'risk: unknown key dailyLos' } });
    expect(applyRiskPatch(DEFAULT_RISK_CONFIG, {})).toMatchObject({ ok: false, error: { message: 'nothing to change: the limits are as saved' } });
  });
});
