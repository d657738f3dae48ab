import { _electron as electron, expect, test } from '@playwright/test';
import type { BridgeApi } from '#contract/bridge-api';
import { installedElectronBinary } from '../scripts/electron-binary.mjs';

declare global {
  interface Window {
    terminal?: BridgeApi;
  }
}

const binary = installedElectronBinary();

test.skip(!binary, 'The Electron runtime is not installed on this machine (its binary cannot be downloaded here); the shell is covered by the stand-in smoke test in src-main/electron.');

test('the Electron window opens the terminal with its security settings', async () => {
  const app = await electron.launch({ executablePath: binary!, args: ['.'] });
  const page = await app.firstWindow();
  await expect(page.getByTestId('mode-badge')).toHaveText('SIMULATION');
  const exposed = await page.evaluate(() => ({
    require: typeof (window as unknown as { require?: unknown }).require,
    process: typeof (window as unknown as { process?: unknown }).process,
    terminal: Object.keys(window.terminal ?? {}).sort(),
  }));
  expect(exposed).toEqual({ require: 'undefined', process: 'undefined', terminal: ['invoke', 'subscribe'] });
  await app.close();
});
