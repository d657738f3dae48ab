import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { expect, test } from '@playwright/test';
import { TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { bridgeSnapshot, layoutProblems } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);
test.describe.configure({ mode: 'serial' });

const SHIPPED = path.join(import.meta.dirname, '..', 'resources', 'models');
const work = fs.mkdtempSync(path.join(os.tmpdir(), 'models-e2e-'));
test.afterAll(() => fs.rmSync(work, { recursive: true, force: true }));

/** 40 sessions of made-up NIFTY 5-minute bars from 5 Jan 2026 (weekdays less the NSE holidays of 15 and 26 Jan and 3 Mar), as a CSV the terminal imports. */
function historyCsv(file: string): void {
  const lines = ['timestamp,open,high,low,close,volume'];
  let price = 24_000;
  let seed = 7;
  const rnd = () => ((seed = (seed * 48_271) % 2_147_483_647) / 2_147_483_647) - 0.5;
  const day = new Date(Date.UTC(2026, 0, 5));
  for (let sessions = 0; sessions < 40; day.setUTCDate(day.getUTCDate() + 1)) {
    const key = day.toISOString().slice(0, 10);
    if (day.getUTCDay() === 0 || day.getUTCDay() === 6 || ['2026-01-15', '2026-01-26', '2026-03-03'].includes(key)) continue;
    sessions++;
    for (let k = 0; k < 75; k++) {
      const minutes = 9 * 60 + 15 + 5 * k;
      const open = price;
      price = Math.max(1000, price * (1 + rnd() * 0.004));
      const hi = Math.max(open, price) * (1 + Math.abs(rnd()) * 0.001);
      const lo = Math.min(open, price) * (1 - Math.abs(rnd()) * 0.001);
      lines.push(`${key} ${String(Math.floor(minutes / 60)).padStart(2, '0')}:${String(minutes % 60).padStart(2, '0')}:00,${open.toFixed(2)},${hi.toFixed(2)},${lo.toFixed(2)},${price.toFixed(2)},${1000 + k}`);
    }
  }
  fs.writeFileSync(file, `${lines.join('\n')}\n`);
}

test('a trader reads the models, brings in an ONNX file (a mismatched one refused with the reason), compares, promotes, rolls back, and retrains with progress and cancel', async ({ page, request }) => {
  test.setTimeout(180_000);
  await page.setViewportSize({ width: 1600, height: 1000 });
  await page.goto('/');
  await page.getByTestId('tab-models').click();
  const panel = page.getByTestId('models-panel');
  await expect(panel).toBeVisible();
  for (const kind of ['rsi-lstm', 'pattern-cnn', 'break-validator', 'regime']) await expect(page.getByTestId(`ml-slot-${kind}`)).toHaveAttribute('data-state', 'available');
  const regime1 = page.locator('[data-testid="ml-model"][data-id="regime@1"]');
  await expect(regime1).toHaveAttribute('data-active', 'true');
  await expect(regime1).toContainText(/accuracy 0\.\d\d vs 0\.\d\d training majority/);
  await expect(regime1).toContainText('regime_probs');
  await expect(regime1).toContainText('2025-01-01');

  // Bring your own: the regime manifest over the LSTM's graph is refused with the contract's reason.
  fs.copyFileSync(path.join(SHIPPED, 'regime.onnx'), path.join(work, 'mine.onnx'));
  fs.copyFileSync(path.join(SHIPPED, 'regime.json'), path.join(work, 'mine.json'));
  fs.copyFileSync(path.join(SHIPPED, 'rsi-lstm.onnx'), path.join(work, 'wrong.onnx'));
  const manifest = (kind: string) => JSON.parse(fs.readFileSync(path.join(SHIPPED, `${kind}.json`), 'utf8')) as Record<string, unknown>;
  fs.writeFileSync(path.join(work, 'wrong.json'), JSON.stringify({ ...manifest('regime'), onnx: manifest('rsi-lstm').onnx }));
  await page.getByTestId('ml-import-kind').selectOption('regime');
  await page.getByTestId('ml-import-path').fill(path.join(work, 'wrong.onnx'));
  await page.getByTestId('ml-import').click();
  await expect(page.getByTestId('ml-error')).toContainText("Wrong.onnx refused: the graph's input input is [batch, 25, 1], the contract is [batch, 4].");
  await page.getByTestId('ml-import-path').fill(path.join(work, 'mine.onnx'));
  await page.getByTestId('ml-import').click();
  await expect(page.getByTestId('ml-done')).toContainText('regime@2 registered');
  const regime2 = page.locator('[data-testid="ml-model"][data-id="regime@2"]');
  await expect(regime2).toHaveAttribute('data-active', 'false');

  await regime1.getByTestId('ml-compare').check();
  await regime2.getByTestId('ml-compare').check();
  await expect(page.getByTestId('ml-comparison-note')).toHaveText('both measured on the same test window of the same data');

  await regime2.getByTestId('ml-promote').click();
  await expect(regime2).toHaveAttribute('data-active', 'true');
  await expect(page.getByTestId('ml-slot-regime')).toContainText('regime@2');
  await page.getByTestId('ml-rollback-regime').click();
  await expect(regime1).toHaveAttribute('data-active', 'true');
  await expect(page.getByTestId('ml-slot-regime')).toContainText('regime@1');
  expect(await layoutProblems(page)).toEqual([]);

  // Retraining on what the terminal has recorded so far (minutes, or nothing yet) fails and says why.
  await page.getByTestId('ml-instruments').fill('NSE_INDEX:NIFTY');
  await page.getByTestId('ml-retrain').click();
  await expect(page.getByTestId('ml-job')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('ml-job')).toContainText(/no bars stored for NSE_INDEX:NIFTY|no model trained: .*warm-up/);

  // With history imported, it trains in a worker with progress; cancel registers nothing.
  const csv = path.join(work, 'nifty-5m.csv');
  historyCsv(csv);
  const auth = { Authorization: `Bearer ${TERMINAL.token}` };
  const imported = await request.post('/api/data/import', { headers: auth, data: { format: 'ohlcv', path: csv, instrumentId: 'NSE_INDEX:NIFTY', timeframe: '5m', timezone: 'IST', stamp: 'start' } });
  expect(imported.status()).toBe(200);
  const job = async () => (await (await request.get('/api/data/job', { headers: auth })).json()) as { state: string; detail: string; problems: string[] };
  await expect.poll(async () => (await job()).state, { timeout: 30_000 }).not.toBe('running');
  expect(await job()).toMatchObject({ state: 'done', problems: [] });
  await page.getByTestId('ml-retrain').click();
  await expect(page.getByTestId('ml-job')).toHaveAttribute('data-state', 'training', { timeout: 30_000 });
  await expect(page.getByTestId('ml-progress')).toBeVisible();
  await expect(page.getByTestId('ml-job')).toContainText(/epoch \d+ of \d+/);
  await page.screenshot({ path: 'e2e/artifacts/models-retrain.png' });
  await page.getByTestId('ml-cancel').click();
  await expect(page.getByTestId('ml-job')).toHaveAttribute('data-state', 'cancelled', { timeout: 30_000 });
  await expect(page.getByTestId('ml-job')).toContainText('nothing was registered');

  const view = (await bridgeSnapshot(page, 'models', {})) as { models: { modelId: string }[]; slots: { kind: string; modelId?: string }[] };
  expect(view.models.map((m) => m.modelId).sort()).toEqual(['break-validator@1', 'pattern-cnn@1', 'regime@1', 'regime@2', 'rsi-lstm@1']);
  expect(view.slots.find((s) => s.kind === 'regime')?.modelId).toBe('regime@1');
});
