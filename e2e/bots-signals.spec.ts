import { expect, test } from '@playwright/test';
import { TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { bridgeInvoke, bridgeSnapshot, layoutProblems, ownTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** Its own terminal: these tests start bots and change their settings, which no other spec should inherit. */
let terminal: OwnTerminal;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownTerminal(TERMINAL.port + 5, 'e2e-bots-signals-token-0123456789abcd', undefined, 60);
  await terminal.start();
});
test.afterAll(async () => {
  await terminal.dispose();
});

test.describe.configure({ mode: 'serial' });

test('a bot starts, pauses, resumes and stops from its card, each step shown; only the steps its state allows are offered', async ({ page }) => {
  await page.goto(terminal.url);
  await page.getByTestId('tab-bots').click();
  const bots = (await bridgeSnapshot(page, 'bots', {})) as { id: string; available: boolean }[];
  const id = bots.find((b) => b.available)!.id;
  const state = page.getByTestId(`bot-state-${id}`);
  await expect(state).toHaveText('stopped');
  await expect(page.getByTestId(`bot-pause-${id}`)).toHaveCount(0);
  await expect(page.getByTestId(`bot-stop-${id}`)).toHaveCount(0);

  await page.getByTestId(`bot-start-${id}`).click();
  await expect(state).toHaveText('running');
  await expect(page.getByTestId(`bot-start-${id}`)).toHaveCount(0);
  await page.getByTestId(`bot-pause-${id}`).click();
  await expect(state).toHaveText('paused');
  await page.getByTestId(`bot-resume-${id}`).click();
  await expect(state).toHaveText('running');
  await page.screenshot({ path: 'e2e/artifacts/bots-running.png' });
  await page.getByTestId(`bot-stop-${id}`).click();
  await expect(state).toHaveText('stopped');
  await expect(page.getByTestId(`bot-start-${id}`)).toBeEnabled();
  await expect(page.getByTestId('bots').getByRole('alert')).toHaveCount(0);
});

test('a signal appears in the feed and opens its explanation; a bot card’s last signal opens the same', async ({ page }) => {
  test.setTimeout(120_000);
  await page.goto(terminal.url);
  await page.getByTestId('tab-bots').click();
  const bots = (await bridgeSnapshot(page, 'bots', {})) as { id: string; available: boolean }[];
  for (const b of bots.filter((x) => x.available)) await page.getByTestId(`bot-start-${b.id}`).click();
  await page.getByTestId('tab-signals').click();
  const rows = page.getByTestId('signal-row');
  await expect(rows.first()).toBeVisible({ timeout: 90_000 });
  await page.screenshot({ path: 'e2e/artifacts/signals-feed.png' });

  // New signals keep arriving at the top: the row is held by its signal's id, not by its place.
  const first = rows.first();
  const [decision, id] = [await first.getAttribute('data-decision'), await first.getAttribute('data-signal-id')];
  expect(id).toBeTruthy();
  await page.getByTestId(`signals-filter-${decision === 'taken' ? 'filtered' : 'taken'}`).click();
  await expect(page.getByTestId('signal-row').filter({ has: page.locator(`[data-decision="${decision}"]`) })).toHaveCount(0);
  await page.getByTestId('signals-filter-all').click();

  await page.locator(`[data-testid="signal-row"][data-signal-id="${id}"]`).click();
  const explanation = page.getByTestId('signal-explanation');
  await expect(explanation).toBeVisible();
  const label = ({ taken: 'Taken', filtered: 'Filtered', refused: 'Refused' } as Partial<Record<string, string>>)[decision ?? ''];
  expect(label).toBeDefined();
  await expect(page.getByTestId('signal-decision')).toContainText(label!);
  await expect(page.getByTestId('signal-inputs')).toBeVisible();
  await expect(page.getByTestId('signal-thresholds')).toBeVisible();
  await page.screenshot({ path: 'e2e/artifacts/signal-explanation.png' });
  await page.keyboard.press('Escape');
  await expect(explanation).toHaveCount(0);

  await page.getByTestId('tab-bots').click();
  const last = page.locator('[data-testid^="bot-last-signal-"]').first();
  await expect(last).toBeVisible();
  // Cards with signals, and the feed, still fit the smallest common screen.
  await page.setViewportSize({ width: 1280, height: 720 });
  await page.waitForTimeout(200);
  expect(await layoutProblems(page)).toEqual([]);
  await page.screenshot({ path: 'e2e/artifacts/bots-signals-1280.png' });
  await last.click();
  await expect(page.getByTestId('signal-decision')).toBeVisible();
  await page.keyboard.press('Escape');
});

test('the parameter editor is built from the bot’s schema, refuses out-of-range values inline and saves a change', async ({ page }) => {
  await page.goto(terminal.url);
  await page.getByTestId('tab-bots').click();
  await page.getByTestId('bot-settings-iron-condor').click();
  const editor = page.getByTestId('param-editor');
  await expect(editor).toBeVisible();
  await expect(page.getByTestId('param-row-shortDelta')).toContainText('Short strikes at delta');
  await page.getByTestId('param-shortDelta').fill('0.9');
  await expect(page.getByTestId('param-error-shortDelta')).toHaveText(/Must be from 0\.05 to 0\.45/);
  await expect(page.getByTestId('param-save')).toBeDisabled();
  await page.getByTestId('param-row-shortDelta').scrollIntoViewIfNeeded();
  await page.screenshot({ path: 'e2e/artifacts/bot-params-invalid.png' });
  await page.getByTestId('param-shortDelta').fill('0.25');
  await expect(page.getByTestId('param-error-shortDelta')).toHaveCount(0);
  await page.getByTestId('param-save').click();
  await expect(page.getByTestId('param-saved')).toContainText('Saved');
  const params = (await bridgeInvoke(page, 'bot:params:get', { botId: 'iron-condor' })) as { value: { values: Record<string, unknown>; pending?: Record<string, unknown> } };
  const v = params.value;
  expect(v.pending?.['shortDelta'] ?? v.values['shortDelta']).toBe(0.25);
});
