import fs from 'node:fs';

/** Debian's Chromium (apt-get install chromium), or one named by CHROMIUM_PATH. Playwright downloads no browser here. */
export const CHROMIUM_PATH = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser'].find((p): p is string => !!p && fs.existsSync(p));

/** CI sets E2E_REQUIRED=1: there a missing browser is a failure, not a skip. */
export const E2E_REQUIRED = process.env.E2E_REQUIRED === '1';

export const SKIP_REASON = 'No Chromium found: install it with `apt-get install chromium` (or set CHROMIUM_PATH) to run the browser tests.';

export const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--disable-quic',
];
