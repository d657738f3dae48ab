import { z } from 'zod';
import { BotDay, SHIPPED_MODELS } from './bot-day.ts';

/**
 * A bot day in its own process, for the restart test (`bot-restart.integration.test.ts`): it opens the
 * engine on a data folder, optionally starts the four bots, runs to a minute, reports what the bots hold
 * and waits there to be SIGKILLed (or runs on and stops cleanly when told). Not a user command.
 */
const settingsSchema = z.strictObject({
  dir: z.string(),
  day: z.string(),
  seed: z.number().int(),
  session: z.string(),
  startMinute: z.number().int().min(0),
  startBots: z.boolean(),
  runTo: z.number().int().min(0),
  /** Run the shipped ML models, as a booted terminal does. */
  ml: z.boolean().default(false),
});

export interface Snapshot {
  readonly minute: number;
  readonly bots: unknown;
  readonly rows: unknown;
  readonly positions: unknown;
  readonly signals: number;
  /** The ML learners' stored state (the ensemble's hit rates). */
  readonly learners: unknown;
}

const settings = settingsSchema.parse(JSON.parse(process.argv[2] ?? 'null'));
const send = (msg: unknown): Promise<void> => new Promise((resolve) => (process.send ? process.send(msg, undefined, {}, () => resolve()) : resolve()));
process.on('disconnect', () => process.exit(0));

const day = await BotDay.start({ dir: settings.dir, day: settings.day, seed: settings.seed, session: settings.session, startMinute: settings.startMinute, ...(settings.ml ? { shippedModels: SHIPPED_MODELS } : {}) });
if (settings.startBots) day.startBots();

const snapshot = (): Snapshot => ({
  minute: (day.clock.now() - day.open) / 60_000,
  bots: day.engine.bots().map((b) => ({ id: b.id, state: b.state, openPositions: b.openPositions, openStructures: b.openStructures, execution: b.execution, allocation: b.allocation })),
  rows: (day.store.sqlite.prepare('SELECT bot_id, kind, state, settings FROM bot_state ORDER BY bot_id').all() as { state: string; settings: string }[]).map((r) => ({ ...r, state: JSON.parse(r.state) as unknown, settings: JSON.parse(r.settings) as unknown })),
  positions: day.engine.trading
    .positions()
    .positions.map((p) => ({ botId: p.botId, instrumentId: p.instrumentId, product: p.product, structureId: p.structureId, netQuantity: p.netQuantity, avgPrice: p.avgPrice }))
    .sort((a, b) => `${a.botId}${a.instrumentId}${a.structureId}`.localeCompare(`${b.botId}${b.instrumentId}${b.structureId}`)),
  signals: day.engine.signals(100_000).length,
  learners: day.store.sqlite.prepare('SELECT key, state FROM ml_state ORDER BY key').all(),
});

await send({ kind: 'started', snapshot: snapshot() });
await day.runTo(settings.runTo);
await send({ kind: 'reached', snapshot: snapshot() });
process.on('message', (m: unknown) => {
  if ((m as { kind?: string }).kind === 'stop') void day.close(false).then(() => process.exit(0));
});
