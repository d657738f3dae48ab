import { expect, test, type Page } from '@playwright/test';
import { TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { bridgeSnapshot, ownSimTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** A live-mode terminal on the OpenAlgo simulator (not in analyze mode): it starts disarmed. */
let terminal: OwnTerminal;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownSimTerminal(TERMINAL.port + 6, 'e2e-live-arming-token-0123456789abcde', 'live');
  await terminal.start();
});
test.afterAll(async () => {
  await terminal.dispose();
});

const armed = async (page: Page) => ((await bridgeSnapshot(page, 'trading', {})) as { armed: boolean }).armed;

test('the arming dialog says what will happen and keeps live blocked until the word is typed; disarm takes it back', async ({ page }) => {
  await page.goto(terminal.url);
  await expect(page.getByTestId('mode-badge')).toHaveText('LIVE');
  await expect(page.getByTestId('arming-state')).toHaveText('live orders refused: not armed');

  await page.getByTestId('arm-button').click();
  const dialog = page.getByTestId('arm-dialog');
  await expect(dialog).toBeVisible();
  await expect(page.getByTestId('arm-consequences')).toContainText(/Orders will go to your .+ account through OpenAlgo at 127\.0\.0\.1:\d+, with real money/);
  await expect(page.getByTestId('arm-consequences')).toContainText('No bot is set to live yet');
  await expect(page.getByTestId('arm-limits')).toContainText("Day's loss");
  const confirm = page.getByTestId('arm-confirm-button');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('arm-word').fill('live');
  await expect(confirm).toBeDisabled();
  await page.getByTestId('arm-word').press('Enter');
  await expect(dialog).toBeVisible();
  expect(await armed(page)).toBe(false);
  await page.screenshot({ path: 'e2e/artifacts/arm-dialog.png' });

  await page.getByTestId('arm-cancel').click();
  await expect(dialog).toHaveCount(0);
  expect(await armed(page)).toBe(false);

  await page.getByTestId('arm-button').click();
  await page.getByTestId('arm-word').fill('LIVE');
  await expect(page.getByTestId('arm-confirm-button')).toBeEnabled();
  await page.getByTestId('arm-confirm-button').click();
  await expect(page.getByTestId('arming')).toContainText('LIVE ARMED');
  expect(await armed(page)).toBe(true);
  await page.screenshot({ path: 'e2e/artifacts/armed.png' });

  await page.getByTestId('disarm-button').click();
  await expect(page.getByTestId('arming-state')).toBeVisible();
  expect(await armed(page)).toBe(false);
});

test('the LIVE badge shows on every panel and over every dialog', async ({ page }) => {
  await page.goto(terminal.url);
  const badge = page.getByTestId('mode-badge');
  for (const tab of ['watchlist', 'chain', 'bots', 'settings', 'signals']) {
    const t = page.getByTestId(`tab-${tab}`);
    if ((await t.count()) === 0) continue;
    await t.click();
    await expect(page.getByTestId(`panel-${tab}`)).toBeVisible();
    await expect(badge).toHaveText('LIVE');
    await expect(badge).toBeInViewport();
  }
  await page.getByTestId('arm-button').click();
  await expect(page.getByTestId('arm-dialog')).toBeVisible();
  await expect(badge).toBeInViewport();
  await page.getByTestId('arm-cancel').click();
  await page.getByTestId('tab-bots').click();
  await page.getByTestId('bot-settings-iron-condor').click();
  await expect(page.getByTestId('param-editor')).toBeVisible();
  await expect(badge).toHaveText('LIVE');
  await expect(badge).toBeInViewport();
  await page.screenshot({ path: 'e2e/artifacts/live-badge-editor.png' });
});

test('history downloads through OpenAlgo from the settings, with its progress, and a second run finds it cached', async ({ page }) => {
  await page.goto(terminal.url);
  await page.getByTestId('tab-settings').click();
  await page.getByTestId('history-days').fill('10');
  await page.getByTestId('history-start').click();
  const job = page.getByTestId('data-job');
  await expect(job).toHaveAttribute('data-state', 'done', { timeout: 20_000 });
  await expect(page.getByTestId('data-job-detail')).toHaveText(/^Downloaded: [1-9]\d* sessions fetched, 0 already cached \(\d{4}-\d{2}-\d{2} to \d{4}-\d{2}-\d{2}\)\.$/);
  await page.getByTestId('history-start').click();
  // Only today's session (not closed yet, so never marked fetched) can be asked for again.
  await expect(page.getByTestId('data-job-detail')).toHaveText(/^Downloaded: [0-2] sessions? fetched, [1-9]\d* already cached/, { timeout: 20_000 });
  await page.getByTestId('data-job').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/settings-history.png' });
});
