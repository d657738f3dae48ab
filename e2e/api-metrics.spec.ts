import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import { expect, test, type APIRequestContext } from '@playwright/test';
import { METRIC_FAMILIES, sampleSum } from '#metrics/metric-families';
import { TERMINAL } from '../playwright.config.ts';

/**
 * `/metrics` of the shared e2e terminal (headless, simulation) scraped as Prometheus does: every family the
 * README promises, values that move with the session, and a text Prometheus' own parser and linter accept.
 */
const bearer = { authorization: `Bearer ${TERMINAL.token}` };
const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';

async function scrape(request: APIRequestContext): Promise<string> {
  const r = await request.get('/metrics', { headers: bearer });
  expect(r.status()).toBe(200);
  expect(r.headers()['content-type']).toMatch(/^text\/plain; version=0\.0\.4/);
  return r.text();
}

test('every family is scraped during a simulated session, and the values move', async ({ request }) => {
  const first = await scrape(request);
  for (const family of METRIC_FAMILIES) expect(first, family).toContain(`# TYPE ${family} `);
  await expect.poll(async () => sampleSum(await scrape(request), 'terminal_ticks_total'), { timeout: 15_000 }).toBeGreaterThan(sampleSum(first, 'terminal_ticks_total'));
  const later = await scrape(request);
  expect(sampleSum(later, 'terminal_bar_close_delay_seconds_count')).toBeGreaterThanOrEqual(sampleSum(first, 'terminal_bar_close_delay_seconds_count'));
  expect(later).toMatch(/terminal_feed_state\{feed="simulator",state="connected"\} 1/);
  expect(later).not.toContain(TERMINAL.token);
});

test(`passes promtool check metrics (skipped where ${PROMTOOL} is missing: apt-get install prometheus)`, async ({ request }) => {
  test.skip(!fs.existsSync(PROMTOOL), `${PROMTOOL} is not installed`);
  const check = spawnSync(PROMTOOL, ['check', 'metrics'], { input: await scrape(request), encoding: 'utf8' });
  expect(`${check.stdout}${check.stderr}`.trim()).toBe('');
  expect(check.status).toBe(0);
});

test('is refused without the token', async ({ request }) => {
  const bare = await request.get('/metrics', { headers: { cookie: '' } });
  expect(bare.status()).toBe(401);
  expect(await bare.text()).not.toContain('terminal_');
});
