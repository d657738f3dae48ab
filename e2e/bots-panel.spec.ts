import { expect, test } from '@playwright/test';
import { TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';
import { bridgeInvoke, bridgeSnapshot, ownTerminal, type OwnTerminal } from './ui-helpers.ts';

test.skip(!CHROMIUM_PATH, SKIP_REASON);

/** Its own terminal: the test halts trading, which must not spill into the shared one. */
let terminal: OwnTerminal;
test.beforeAll(async () => {
  test.setTimeout(60_000);
  terminal = ownTerminal(TERMINAL.port + 14, 'e2e-bots-panel-token-0123456789abcdef');
  await terminal.start();
});
test.afterAll(async () => {
  await terminal.dispose();
});

test('Start is offered only where it can work, and a reason shows once', async ({ page }) => {
  await page.goto(terminal.url);
  await page.getByTestId('tab-bots').click();
  await expect(page.getByTestId('bots').locator('li')).toHaveCount(4);
  const bots = (await bridgeSnapshot(page, 'bots', {})) as { id: string; available: boolean; message?: string }[];
  for (const b of bots) {
    const toggle = page.getByTestId(`bot-start-${b.id}`);
    if (b.available) await expect(toggle).toBeEnabled();
    else {
      await expect(toggle).toBeDisabled();
      await expect(page.getByTestId(`bot-${b.id}`).getByText(b.message!)).toHaveCount(1);
    }
  }

  const kill = (await bridgeInvoke(page, 'risk:kill', { source: 'button' })) as { ok: boolean };
  expect(kill.ok).toBe(true);
  for (const b of bots) {
    await expect(page.getByTestId(`bot-start-${b.id}`)).toBeDisabled();
    await expect(page.getByTestId(b.available ? `bot-reason-${b.id}` : `bot-state-reason-${b.id}`)).toHaveText(b.available ? 'Trading is halted: resume trading first.' : b.message!);
    await expect(page.getByTestId(`bot-error-${b.id}`)).toHaveCount(0);
  }
  await expect(page.getByTestId('bots').getByRole('alert')).toHaveCount(0);
  await page.screenshot({ path: 'e2e/artifacts/bots-halted.png' });
});
