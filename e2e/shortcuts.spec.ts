import { expect, test } from '@playwright/test';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

test.describe('keyboard, palette, help and themes', () => {
  test.beforeEach(async ({ page }) => {
    await page.goto('/');
    await expect(page.getByTestId('chart-legend')).toHaveAttribute('data-timeframe', '1m');
  });

  test('? lists every shortcut; keys switch timeframes and panels but never while typing', async ({ page }) => {
    await page.keyboard.press('?');
    const help = page.getByTestId('help-sheet');
    await expect(help).toBeVisible();
    for (const text of ['5m candles', 'Show option chain', 'Command palette', 'Kill switch', 'Switch between dark and light theme']) await expect(help).toContainText(text);
    await page.screenshot({ path: 'e2e/artifacts/shortcuts-help.png' });
    await page.keyboard.press('Escape');
    await expect(help).toHaveCount(0);

    await page.keyboard.press('4');
    await expect(page.getByTestId('tf-15m')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('s');
    await expect(page.getByTestId('tab-settings')).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('connection-base-url').focus();
    await page.keyboard.press('1');
    await page.keyboard.press('o');
    await expect(page.getByTestId('tf-15m')).toHaveAttribute('aria-pressed', 'true');
    await expect(page.getByTestId('tab-settings')).toHaveAttribute('aria-selected', 'true');
    await page.getByTestId('connection-base-url').blur();
    await page.keyboard.press('o');
    await expect(page.getByTestId('tab-chain')).toHaveAttribute('aria-selected', 'true');
  });

  test('the command palette finds and runs an action', async ({ page }) => {
    await page.keyboard.press('Control+k');
    const palette = page.getByTestId('command-palette');
    await expect(palette).toBeVisible();
    await page.getByTestId('palette-input').fill('60m');
    await expect(palette.getByRole('option')).toHaveCount(1);
    await page.screenshot({ path: 'e2e/artifacts/shortcuts-palette.png' });
    await page.keyboard.press('Enter');
    await expect(palette).toHaveCount(0);
    await expect(page.getByTestId('tf-60m')).toHaveAttribute('aria-pressed', 'true');
    await page.keyboard.press('Control+k');
    await page.getByTestId('palette-input').fill('reconnect');
    await expect(palette.getByRole('option').first()).toHaveAttribute('aria-disabled', 'true');
  });

  test('the light theme is one key away and is remembered', async ({ page }) => {
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'dark');
    await page.keyboard.press('t');
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await page.reload();
    await expect(page.locator('html')).toHaveAttribute('data-theme', 'light');
    await expect(page.getByTestId('chart-legend')).not.toHaveAttribute('data-bars', '0');
    await page.screenshot({ path: 'e2e/artifacts/theme-light.png' });
  });
});
