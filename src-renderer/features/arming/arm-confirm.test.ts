import { describe, expect, it } from 'vitest';
import { formatInrCompact } from '#renderer/lib/format.ts';
import { armingConsequences, isArmWord, switchConsequences } from './arm-confirm.ts';

describe('the live arming dialog', () => {
  it('arms only on the exact word', () => {
    expect(isArmWord('LIVE')).toBe(true);
    expect(isArmWord('  LIVE ')).toBe(true);
    expect(isArmWord('live')).toBe(false);
    expect(isArmWord('LIV')).toBe(false);
    expect(isArmWord('')).toBe(false);
    expect(isArmWord('LIVE!')).toBe(false);
  });

  it('says where orders go and which bots send them', () => {
    const account = { broker: 'zerodha', host: '127.0.0.1:5000', availableCash: 450_000 };
    expect(armingConsequences(account, [], formatInrCompact)).toEqual([
      'Orders will go to your zerodha account through OpenAlgo at 127.0.0.1:5000, with real money (available funds ₹4.50 L).',
      'No bot is set to live yet: after arming, a bot trades for real only once you set it to live (its Settings…) and start it.',
      'Every order still passes the risk checks below; the kill switch works armed or not.',
    ]);
    const lines = armingConsequences({ broker: 'zerodha', host: 'h' }, [{ name: 'Short straddle', state: 'stopped', allocation: 250_000 }], formatInrCompact);
    expect(lines[0]).toBe('Orders will go to your zerodha account through OpenAlgo at h, with real money.');
    expect(lines[1]).toBe('This bot is set to live and may send orders as soon as it runs: Short straddle (stopped, capital ₹2.50 L).');
  });

  it('a switch to live says which engine stops before it says where orders go', () => {
    const lines = switchConsequences('paper');
    expect(lines[0]).toMatch(/^The paper engine stops now; .* A live engine starts on OpenAlgo’s market data/);
    expect(lines[1]).toMatch(/Refused, with nothing changed, while this run holds open positions or working orders/);
  });
});
