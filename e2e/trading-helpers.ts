import type { Page } from '@playwright/test';

/** Sends one bridge command from the page over its own WebSocket, as the UI would; resolves with the result. */
export async function invokeBridge(page: Page, channel: string, input: unknown): Promise<{ ok: boolean; value?: unknown; error?: { kind: string; message: string } }> {
  const msg = await page.evaluate(
    ([c, i]) =>
      new Promise<{ result: { ok: boolean } }>((resolve, reject) => {
        const ws = new WebSocket(`ws://${window.location.host}/bridge`);
        ws.onopen = () => ws.send(JSON.stringify({ type: 'invoke', id: 1, channel: c, input: i }));
        ws.onmessage = (e) => {
          resolve(JSON.parse(e.data as string) as { result: { ok: boolean } });
          ws.close();
        };
        ws.onerror = () => reject(new Error('bridge socket failed'));
      }),
    [channel, input] as const,
  );
  return msg.result;
}

/**
 * The short straddle with its entry thresholds lowered so it sells within a few simulated minutes on the
 * simulated market (IV percentile 0, a check every minute, any direction strength, NIFTY only); stopping it leaves
 * its position for the test to close.
 */
export const EAGER_STRADDLE = {
  botId: 'short-straddle',
  params: { underlyings: ['NIFTY'], ivPercentileMin: 0, checkEveryMinutes: 1, maxDirectionStrength: 1, minOi: 0, maxSpreadPct: 20, oiMissing: 'ignore', entryStart: '09:15', entryEnd: '15:25', flattenOnStop: false },
};

/** Starts the eager straddle bot; the test waits for its position on screen. */
export async function startEagerStraddle(page: Page): Promise<void> {
  const set = await invokeBridge(page, 'bot:params:set', EAGER_STRADDLE);
  if (!set.ok) throw new Error(`bot:params:set: ${set.error?.message}`);
  const started = await invokeBridge(page, 'bot:start', { botId: 'short-straddle' });
  if (!started.ok && !/already running/i.test(started.error?.message ?? '')) throw new Error(`bot:start: ${started.error?.message}`);
}
