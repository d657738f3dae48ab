import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadConfig } from './config-file.ts';
import { DEFAULT_CONFIG } from './defaults.ts';
import { DEFAULT_RISK_CONFIG, riskConfigSchema } from './risk-schema.ts';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'risk-cfg-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

const write = (config: object) => fs.writeFileSync(path.join(dir, 'config.json'), JSON.stringify(config));

describe('risk section of the config', () => {
  it('gives a config file written before risk limits existed the defaults', () => {
    const { risk: _risk, ...old } = DEFAULT_CONFIG;
    write(old);
    const r = loadConfig(dir, 's');
    expect(r.ok && r.value.config.risk).toEqual(DEFAULT_RISK_CONFIG);
  });

  it('fills the subsections a user left out', () => {
    write({ ...DEFAULT_CONFIG, risk: { dailyLoss: { limit: 5_000, action: 'halted', flatten: true } } });
    const r = loadConfig(dir, 's');
    expect(r.ok && r.value.config.risk.dailyLoss).toEqual({ limit: 5_000, action: 'halted', flatten: true });
    expect(r.ok && r.value.config.risk.shock).toEqual(DEFAULT_RISK_CONFIG.shock);
  });

  it('names the bad field: more than 10 orders a second, an entry window that ends before it starts, a typo', () => {
    write({ ...DEFAULT_CONFIG, risk: { orderRate: { maxPerSecond: 20 } } });
    const rate = loadConfig(dir, 'a');
    expect(!rate.ok && rate.error.message).toContain('risk.orderRate.maxPerSecond');
    write({ ...DEFAULT_CONFIG, risk: { bots: { x: { capital: 1, maxPositions: 1, maxLots: 1, entryWindow: { start: '14:30', end: '09:30' } } } } });
    const window = loadConfig(dir, 'b');
    expect(!window.ok && window.error.message).toContain('start must be before end');
    write({ ...DEFAULT_CONFIG, risk: { dailyLos: {} } });
    const typo = loadConfig(dir, 'c');
    expect(!typo.ok && typo.error.message).toContain('risk.dailyLos');
  });

  it('has defaults inside their own bounds', () => {
    expect(riskConfigSchema.parse(DEFAULT_RISK_CONFIG)).toEqual(DEFAULT_RISK_CONFIG);
    expect(DEFAULT_RISK_CONFIG.orderRate.maxPerSecond).toBe(10);
  });
});
