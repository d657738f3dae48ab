import { expect, test } from '@playwright/test';
import { restRoutes, ROUTE_NAMES } from '#contract/rest-api';
import { TERMINAL } from '../playwright.config.ts';
import { CHROMIUM_PATH, SKIP_REASON } from './chromium.ts';

/**
 * The REST API from a browser and from Playwright's request client, against the shared e2e terminal. Only
 * reads: the write paths (bots, kill) are tested against a terminal of their own in
 * src-main/server/rest/rest-api.e2e.test.ts, so this spec leaves the shared terminal as it found it.
 */
const bearer = { authorization: `Bearer ${TERMINAL.token}` };

test('every read route answers in its contract schema, and none without the token', async ({ request }) => {
  for (const name of ROUTE_NAMES) {
    const route = restRoutes[name];
    // `account` asks OpenAlgo, which the simulation terminal has not (409, tested with the arming routes).
    if (route.method !== 'GET' || 'params' in route || name === 'account') continue;
    const r = await request.get(route.path, { headers: bearer });
    expect(r.status(), name).toBe(200);
    expect(route.response.safeParse(await r.json()).success, name).toBe(true);
    const bare = await request.get(route.path, { headers: { cookie: '' } });
    expect(bare.status(), name).toBe(401);
  }
});

test.describe('the /docs page in Chromium', () => {
  test.skip(!CHROMIUM_PATH, SKIP_REASON);

  test('renders every operation without a script or a CSP violation, and links the document', async ({ page }) => {
    const problems: string[] = [];
    page.on('console', (m) => (m.type() === 'error' ? problems.push(m.text()) : undefined));
    page.on('pageerror', (e) => problems.push(e.message));
    const requested: string[] = [];
    page.on('request', (r) => requested.push(r.url()));
    await page.goto('/docs');
    await expect(page.locator('h1')).toContainText('Trading terminal local API');
    for (const name of ROUTE_NAMES) await expect(page.locator(`#op-${name}`)).toContainText(restRoutes[name].path);
    await page.locator('#op-botParamsSet a[href="#schema-BotParamsChange"]').click();
    await expect(page.locator('#schema-BotParamsChange pre')).toContainText('"allocation"');
    expect(problems).toEqual([]);
    expect(requested.every((u) => u.startsWith(TERMINAL.origin))).toBe(true);
    // The page's link to the document works with the cookie the printed link set.
    const doc = await page.request.get('/api/openapi.json');
    expect((await doc.json()).openapi).toBe('3.1.0');
  });
});
