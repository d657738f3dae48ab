import fs from 'node:fs';
import path from 'node:path';
import { expect, test, type Page } from '@playwright/test';
import { SIM, TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { ownTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** Its own terminal: these tests save risk limits to config.json, which no other spec should inherit. */
let terminal: OwnTerminal;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownTerminal(TERMINAL.port + 7, 'e2e-settings-panel-token-0123456789abc');
  await terminal.start();
});
test.afterAll(async () => {
  await terminal.dispose();
});

async function openSettings(page: Page) {
  await page.goto(terminal.url);
  await page.getByTestId('tab-settings').click();
  await expect(page.getByTestId('risk-settings')).toBeVisible();
}

const savedRisk = () => (JSON.parse(fs.readFileSync(path.join(terminal.dataDir, 'config.json'), 'utf8')) as { risk?: { dailyLoss?: { limit: number }; orderRate?: { maxPerSecond: number } } }).risk;

test('risk limits: a limit config.json would refuse is named under its field and nothing is saved; a good one is saved for the next start', async ({ page }) => {
  await openSettings(page);
  const before = savedRisk();
  await page.getByTestId('risk-orderRate-maxPerSecond').fill('25');
  await page.getByTestId('risk-save').click();
  await expect(page.getByTestId('risk-orderRate-maxPerSecond-error')).toContainText('SEBI treats more than 10 orders per second');
  await expect(page.getByTestId('risk-message')).toHaveText('The terminal refused the limits marked in red; nothing was saved.');
  expect(savedRisk()).toEqual(before);

  await page.getByTestId('risk-orderRate-maxPerSecond').fill('8');
  await page.getByTestId('risk-dailyLoss-limit').fill('15,000');
  await page.getByTestId('risk-save').click();
  await expect(page.getByTestId('risk-message')).toContainText('restart the terminal to apply them');
  await expect(page.getByTestId('risk-restart-note')).toBeVisible();
  expect(savedRisk()?.dailyLoss?.limit).toBe(15_000);
  expect(savedRisk()?.orderRate?.maxPerSecond).toBe(8);
  await expect(page.getByTestId('data-dir')).toHaveText(terminal.dataDir);
  await page.getByTestId('risk-settings').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/settings-risk.png' });
});

test('a malformed URL and a wrong key against the OpenAlgo simulator are refused with clear messages', async ({ page }) => {
  await openSettings(page);
  const outcome = page.getByTestId('connection-outcome');
  await page.getByTestId('connection-base-url').fill('http//127.0.0.1:5000');
  await page.getByTestId('connection-test').click();
  await expect(outcome).toContainText('The OpenAlgo host URL');
  await expect(outcome).not.toContainText(/connection:|baseUrl/);

  await page.getByTestId('connection-base-url').fill(`http://127.0.0.1:${SIM.port}`);
  await page.getByTestId('connection-ws-url').fill(`ws://127.0.0.1:${SIM.wsPort}`);
  await page.getByTestId('connection-api-key').fill('a-wrong-key-0123456789');
  await page.getByTestId('connection-test').click();
  await expect(outcome).toContainText('rejected the API key');
  await expect(outcome).toHaveAttribute('data-kind', 'error');
  await expect(outcome).not.toContainText('a-wrong-key');
  await page.screenshot({ path: 'e2e/artifacts/settings-wrong-key.png' });
});

test('a CSV import runs from the settings with a progress bar: a good file is imported, a bad one lists its line', async ({ page }) => {
  const good = path.join(terminal.dataDir, 'import-nifty-1m.csv');
  const rows = Array.from({ length: 375 }, (_, i) => {
    const m = 9 * 60 + 15 + i;
    return `2025-12-01 ${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}:00,100,101,99,100.5,10`;
  });
  fs.writeFileSync(good, ['timestamp,open,high,low,close,volume', ...rows].join('\n'));
  const bad = path.join(terminal.dataDir, 'import-bad.csv');
  fs.writeFileSync(bad, 'timestamp,open,high,low,close,volume\n2025-12-01 09:15:00,100,99,101,100,1\n');

  await openSettings(page);
  await page.getByTestId('import-path').fill(good);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('data-error')).toContainText('Choose the zone');
  await page.getByTestId('import-timezone').selectOption('IST');
  await page.getByTestId('import-stamp').selectOption('start');
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('data-job')).toHaveAttribute('data-state', 'done');
  await expect(page.getByTestId('data-job-detail')).toHaveText('Imported 375 bars from 1 of 1 file.');
  await expect(page.getByTestId('data-job-progress')).toHaveJSProperty('value', 1);
  // The stored history is read again when the import ends: the imported day is listed as CSV bars.
  await page.getByTestId('history-filter').fill('nse_index:nifty');
  await page.getByTestId('history-refresh').click();
  const nifty1m = page.getByTestId('history-row').filter({ hasText: /^NSE_INDEX:NIFTY1m/ });
  await expect(nifty1m).toContainText('2025-12-01 09:15');
  await expect(nifty1m).toContainText('CSV 375');
  await page.getByTestId('history-table').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/settings-import.png' });

  await page.getByTestId('import-path').fill(bad);
  await page.getByTestId('import-start').click();
  await expect(page.getByTestId('data-job')).toHaveAttribute('data-state', 'failed');
  await expect(page.getByTestId('data-job-problems')).toContainText('import-bad.csv line 2:');
  await expect(page.getByTestId('history-simulation-note')).toBeVisible();
});
