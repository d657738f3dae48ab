import type { Bar, Timeframe } from '#model/bar';
import type { BotId, InstrumentId } from '#model/ids';
import type { Signal } from '#model/signal';
import type { Underlying } from '#options/contract-specs';
import type { BotState } from '#bots/bot-fsm';
import type { BotDescriptor, BotKind } from '#bots/catalog';
import type { BotRequirements } from '#bots/contract/requirements';
import type { AnyBotDefinition } from './definitions.ts';
import type { BotSettings, StoredState } from './bot-settings.ts';

/**
 * One bot as the manager runs it: its definition, settings and parsed parameters, what it declared it
 * reads, its lifecycle state and its own strategy state. Plain data with the lookups the event loop needs;
 * the manager and the evaluator change it.
 */
export class BotRunner {
  readonly botId: BotId;
  readonly kind: BotKind;
  readonly descriptor: BotDescriptor;
  readonly def: AnyBotDefinition;
  settings: BotSettings;
  params: unknown;
  requirements!: BotRequirements;
  underlyings!: readonly Underlying[];
  lifecycle: BotState = 'stopped';
  strategy: unknown;
  pending: StoredState['pending'];
  dayStart: StoredState['dayStart'];
  fault: string | undefined;
  lastSignal: Signal | undefined;
  /** Seen warm with the current requirements: bars and studies only accumulate, so it stays warm. */
  warm = false;
  /** The strategy state as last written, to write only what changed. */
  savedStrategy = '';
  /** The declared series, by instrument: asked for every closed bar, without building a key each time. */
  private series = new Map<InstrumentId, ReadonlySet<Timeframe>>();
  private instruments = new Set<InstrumentId>();

  constructor(botId: BotId, descriptor: BotDescriptor, def: AnyBotDefinition, settings: BotSettings, params: unknown, strategy: unknown) {
    this.botId = botId;
    this.kind = descriptor.kind;
    this.descriptor = descriptor;
    this.def = def;
    this.settings = settings;
    this.params = params;
    this.strategy = strategy;
    this.derive();
  }

  get active(): boolean {
    return this.lifecycle === 'running' || this.lifecycle === 'paused';
  }

  /** New parameters (validated by the caller): what the bot declares follows them. */
  setParams(settings: BotSettings, params: unknown): void {
    this.settings = settings;
    this.params = params;
    this.derive();
  }

  declaresBar(bar: Bar): boolean {
    return this.series.get(bar.instrumentId)?.has(bar.timeframe) ?? false;
  }

  declaresTick(id: InstrumentId): boolean {
    return this.instruments.has(id);
  }

  stored(): StoredState {
    return {
      version: 1,
      lifecycle: this.lifecycle,
      strategy: this.strategy,
      ...(this.pending ? { pending: this.pending } : {}),
      ...(this.dayStart ? { dayStart: this.dayStart } : {}),
      ...(this.fault ? { fault: this.fault } : {}),
    };
  }

  private derive(): void {
    const req = this.def.requirements(this.params);
    this.requirements = req;
    this.warm = false;
    const series = new Map<InstrumentId, Set<Timeframe>>();
    for (const s of req.series) series.set(s.instrumentId, (series.get(s.instrumentId) ?? new Set<Timeframe>()).add(s.timeframe));
    this.series = series;
    this.instruments = new Set([...req.instruments, ...req.series.map((s) => s.instrumentId)]);
    this.underlyings = [...new Set(req.chains.map((c) => c.underlying))];
  }
}
