import { expect, test, type Page } from '@playwright/test';
import { TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { startEagerStraddle } from './trading-helpers.ts';
import { bridgeInvoke, layoutProblems, ownTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/**
 * Its own simulated terminal: the walk starts a bot and trades, which no other spec should inherit. On a NIFTY
 * expiry day an ATM straddle's theta and gamma exceed the default book limits, which refuse it (rightly):
 * the walk widens them as a trader would (Settings → Risk limits, in force from the next start) and restarts,
 * so it has a book to look at whatever the day.
 */
const WIDE_LIMITS = { greeks: { maxGammaLots: 50, maxTheta: 200_000 }, shock: { maxLoss: 500_000 } };
let terminal: OwnTerminal;
test.beforeAll(async ({ browser }) => {
  test.setTimeout(90_000);
  terminal = ownTerminal(TERMINAL.port + 22, 'e2e-walkthrough-token-0123456789abcdef', undefined, 60);
  await terminal.start();
  const page = await browser.newPage();
  await page.goto(terminal.url);
  const saved = (await bridgeInvoke(page, 'settings:risk:set', { patch: WIDE_LIMITS })) as { ok: boolean };
  expect(saved.ok).toBe(true);
  await page.close();
  await terminal.stop();
  await terminal.start();
});
test.afterAll(async () => {
  await terminal.dispose();
});

test.describe.configure({ mode: 'serial' });

/** The bot keeps trading across both walks: started once. */
let botStarted = false;

const TABS = ['watchlist', 'chain', 'bots', 'settings', 'signals', 'positions', 'orders', 'risk', 'backtest', 'models'] as const;

/** Every panel in front in turn, each looked at (a screenshot) and measured for cut or overflowing content. */
async function walk(page: Page, size: string): Promise<void> {
  for (const tab of TABS) {
    const t = page.getByTestId(`tab-${tab}`);
    if ((await t.count()) === 0) continue;
    await t.click();
    await expect(page.getByTestId(`panel-${tab}`)).toBeVisible();
    await page.screenshot({ path: `e2e/artifacts/walk-${size}-${tab}.png` });
    expect(await layoutProblems(page), `${tab} at ${size}`).toEqual([]);
  }
}

for (const [width, height] of [
  [1280, 720],
  [1920, 1080],
] as const) {
  test(`a trader's walk at ${width}×${height}: a bot trades, its signal explains itself, positions, payoff, orders, risk and settings read clearly`, async ({ page }) => {
    test.setTimeout(180_000);
    const size = `${width}x${height}`;
    await page.setViewportSize({ width, height });
    await page.goto(terminal.url);
    await expect(page.getByTestId('mode-badge')).toHaveText('SIMULATION');
    if (!botStarted) await startEagerStraddle(page);
    botStarted = true;
    await page.getByTestId('tab-positions').click();
    await expect(page.getByTestId('structure-row').first()).toBeVisible({ timeout: 120_000 });
    await page.getByTestId('structure-row').first().click();
    await expect(page.getByTestId('payoff-canvas')).not.toHaveAttribute('data-points', '0');
    await page.screenshot({ path: `e2e/artifacts/walk-${size}-payoff.png` });
    // Exit has to be in reach without scrolling the table sideways.
    const table = (await page.locator('.positions-scroll').boundingBox())!;
    const exit = (await page.getByTestId('close-structure').first().boundingBox())!;
    expect(exit.x + exit.width, `Exit at ${size}`).toBeLessThanOrEqual(table.x + table.width + 0.5);

    await page.getByTestId('tab-signals').click();
    await page.getByTestId('signal-row').first().click();
    await expect(page.getByTestId('signal-explanation')).toBeVisible();
    await page.screenshot({ path: `e2e/artifacts/walk-${size}-explanation.png` });
    await page.keyboard.press('Escape');

    await walk(page, size);
  });
}
