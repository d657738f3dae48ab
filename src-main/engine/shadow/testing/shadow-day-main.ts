import { z } from 'zod';
import { BotDay, DAY_SETTINGS } from '#engine/bots/testing/bot-day';

/**
 * A shadow variant's day in its own process, for the restart test (`shadow-restart.integration.test.ts`):
 * it opens the engine on a data folder, optionally starts a variant of the momentum rider, runs until the
 * variant holds a position (or to a minute), reports the variant and waits there to be SIGKILLed, or runs
 * on when told. Not a user command.
 */
const settingsSchema = z.strictObject({
  dir: z.string(),
  session: z.string(),
  startMinute: z.number().int().min(0),
  /** Start the variant and run until it holds a position; otherwise report at once. */
  startVariant: z.boolean(),
});

const VARIANT = 'momentum-rider~restart';
/** The week test's thresholds: the rider trades NIFTY alone on this day. */
const PARAMS = {
  ...(DAY_SETTINGS['momentum-rider'] as { params: Record<string, number> }).params,
  underlyings: ['NIFTY'],
  minCombinedScore: 0.3,
  ...Object.fromEntries(['volatile', 'trending', 'ranging'].flatMap((r) => [[`${r}Consensus`, 0.5], [`${r}Confirmation`, 0.4]])),
};

export interface VariantSnapshot {
  readonly minute: number;
  readonly status: readonly string[];
  readonly strategy: unknown;
  readonly positions: readonly { readonly instrumentId: string; readonly netQuantity: number; readonly avgPrice: number }[];
  readonly fills: number;
  readonly signals: number;
}

const settings = settingsSchema.parse(JSON.parse(process.argv[2] ?? 'null'));
const send = (msg: unknown): Promise<void> => new Promise((resolve) => (process.send ? process.send(msg, undefined, {}, () => resolve()) : resolve()));
process.on('disconnect', () => process.exit(0));

const day = await BotDay.start({ dir: settings.dir, day: '2026-11-25', seed: 8, session: settings.session, startMinute: settings.startMinute, underlyings: ['NIFTY'] });
const shadow = day.engine.botManager.shadow;

const snapshot = (): VariantSnapshot => {
  const manager = shadow.manager(VARIANT);
  return {
    minute: (day.clock.now() - day.open) / 60_000,
    status: shadow.list().map((v) => `${v.variantId}:${v.status}`),
    strategy: JSON.parse(JSON.stringify(shadow.runners()[0]?.strategy ?? null)) as unknown,
    positions: (manager?.positions.byInstrument() ?? []).filter((p) => p.netQuantity !== 0).map((p) => ({ instrumentId: p.instrumentId, netQuantity: p.netQuantity, avgPrice: p.avgPrice })),
    fills: manager?.fills().length ?? 0,
    signals: shadow.signals(VARIANT, 100_000).length,
  };
};

if (settings.startVariant) {
  const started = shadow.start({ botId: 'momentum-rider', label: 'restart', params: PARAMS });
  if (!started.ok) throw new Error(started.error);
  for (let m = settings.startMinute + 1; m <= 360 && snapshot().positions.length === 0; m++) await day.runTo(m);
}
await send({ kind: 'reached', snapshot: snapshot() });
process.on('message', (m: unknown) => {
  const msg = m as { kind?: string; minute?: number };
  if (msg.kind === 'run' && msg.minute !== undefined) void day.runTo(msg.minute).then(() => send({ kind: 'reached', snapshot: snapshot() }));
  if (msg.kind === 'stop') void day.close(false).then(() => process.exit(0));
});
