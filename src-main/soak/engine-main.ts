import { ShiftedClock } from '#openalgo-sim/shifted-clock';
import { engineSettingsSchema, toEngineSchema, type FromEngine } from './protocol.ts';
import { openSoakEngine } from './soak-engine.ts';

/**
 * The soak's engine process (`node src-main/soak/engine-main.ts <settings JSON>`), started by the runner
 * with an IPC channel and SIGKILLed by it at random points. Not a user command: it has no --help and
 * talks only to its parent; it ends when the parent says stop or goes away.
 */
/** Resolves once the message is handed to the channel, so an exit right after it does not drop it. */
const say = (msg: FromEngine): Promise<void> => new Promise((resolve) => (process.send ? process.send(msg, undefined, {}, () => resolve()) : resolve()));

const settings = engineSettingsSchema.safeParse(JSON.parse(process.argv[2] ?? 'null'));
if (!settings.success || !process.send) {
  process.stderr.write(`soak engine: bad settings or no IPC channel (${settings.success ? 'no channel' : settings.error.message})\n`);
  process.exit(2);
}
process.on('disconnect', () => process.exit(0));

const clock = new ShiftedClock(settings.data.clockOffsetMs);
const opened = await openSoakEngine(settings.data, clock);
if (!opened.ok) {
  await say({ kind: 'failed', message: opened.error });
  process.exit(1);
}
const engine = opened.value;
if (!(await engine.quoted(10_000))) await say({ kind: 'failed', message: 'no quotes for the run’s options within 10 s' });
else await say({ kind: 'ready', findings: engine.findings() });

process.on('message', (raw: unknown) => {
  const msg = toEngineSchema.safeParse(raw);
  if (!msg.success) {
    void say({ kind: 'failed', message: `bad message from the runner: ${msg.error.message}` });
    return;
  }
  const m = msg.data;
  switch (m.kind) {
    case 'status':
      void say({ kind: 'status', status: engine.status() });
      return;
    case 'reconcile':
      void engine.reconcile().then((r) => say({ kind: 'reconciled', ok: r.ok, open: r.ok ? r.value : 0, ...(r.ok ? {} : { error: r.error }) }));
      return;
    case 'stop':
      void engine.stop().then(() => process.exit(0));
      return;
    default:
      void engine.handle(m).then(
        (r) => say({ kind: 'submitted', intentId: m.intentId, ok: r.ok, ...(r.ok ? {} : { error: r.error }) }),
        (e: unknown) => say({ kind: 'failed', message: `submit threw: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}` }),
      );
  }
});
