import fs from 'node:fs';
import { z } from 'zod';
import type { Clock } from '#core/clock';
import { err, ok, type Result } from '#core/result';
import { readFileNoFollow, writeFileAtomic } from '#core/secure-file';
import { istDateKey } from '#core/time-ist';
import type { EngineAudit } from './engine-audit.ts';
import { tradingError, type TradingError } from './trading-error.ts';

/** The account live orders go to, as OpenAlgo names it: the broker it is logged in to, and its own address. */
export interface TradingAccount {
  readonly broker: string;
  readonly host: string;
  readonly availableCash?: number;
}

/** Asks OpenAlgo which account it trades for now (ping, funds). */
export type AccountProbe = () => Promise<Result<TradingAccount, string>>;

export interface ArmingState {
  readonly armed: boolean;
  readonly account?: TradingAccount;
  readonly armedAt?: number;
  /** The IST date a remembered arming is good for. */
  readonly rememberedFor?: string;
}

/** The door the trader's arming or disarming came through: the terminal's bridge or the local HTTP API. */
export type ArmSource = 'bridge' | 'http-api';

export interface ArmInput {
  readonly broker: string;
  readonly host: string;
  readonly rememberToday: boolean;
  /** Recorded in the audit; default `bridge`. */
  readonly source?: ArmSource;
}

export interface LiveArmingDeps {
  readonly clock: Clock;
  /** Where "remember for today" is kept (the data folder's `live-arming.json`). */
  readonly file: string;
  readonly probe: AccountProbe;
  readonly audit: () => EngineAudit;
  readonly onChange: (state: ArmingState) => void;
}

const rememberedSchema = z.object({ version: z.literal(1), dateKey: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), broker: z.string().min(1), host: z.string().min(1) }).strict();

/**
 * Live orders wait for the trader's explicit word. Arming names the account (broker and OpenAlgo address);
 * the engine asks OpenAlgo which account it trades for and refuses a name that does not match, so an
 * OpenAlgo switched to another broker login is not armed by a stale click. Arming is lost on restart unless
 * the trader chose "remember for today": then it holds until the IST date changes, and only if OpenAlgo
 * still names the same account. Every arm and disarm is audited with its actor.
 */
export class LiveArming {
  private readonly deps: LiveArmingDeps;
  private current: ArmingState = { armed: false };

  constructor(deps: LiveArmingDeps) {
    this.deps = deps;
  }

  state(): ArmingState {
    return this.current;
  }

  armed(): boolean {
    return this.current.armed;
  }

  refusal(): string {
    return 'live trading is not armed: arm it in the terminal, naming the account the orders go to (orders placed before are not affected)';
  }

  /** The account OpenAlgo trades for now. */
  async account(): Promise<Result<TradingAccount, TradingError>> {
    const probed = await this.deps.probe();
    return probed.ok ? probed : err(tradingError('unavailable', `cannot ask OpenAlgo which account it trades for: ${probed.error}`));
  }

  async arm(input: ArmInput): Promise<Result<ArmingState, TradingError>> {
    const probed = await this.account();
    if (!probed.ok) return probed;
    const account = probed.value;
    if (account.broker !== input.broker || account.host !== input.host) {
      this.deps.audit().record('arm', 'trader', { source: input.source ?? 'bridge', refused: true, named: { broker: input.broker, host: input.host }, actual: { broker: account.broker, host: account.host } });
      return err(tradingError('invalid-input', `OpenAlgo at ${account.host} trades for ${account.broker}, not ${input.broker} at ${input.host}: name the account the orders will go to`));
    }
    const today = istDateKey(this.deps.clock.now());
    if (input.rememberToday) {
      const w = writeFileAtomic(this.deps.file, `${JSON.stringify({ version: 1, dateKey: today, broker: account.broker, host: account.host })}\n`);
      if (!w.ok) return err(tradingError('unavailable', `cannot remember the arming: ${w.error.message}`));
    } else {
      this.forget();
    }
    this.set({ armed: true, account, armedAt: this.deps.clock.now(), ...(input.rememberToday ? { rememberedFor: today } : {}) });
    this.deps.audit().record('arm', 'trader', { source: input.source ?? 'bridge', account: { broker: account.broker, host: account.host }, rememberToday: input.rememberToday });
    return ok(this.current);
  }

  disarm(source: ArmSource = 'bridge'): ArmingState {
    const was = this.current;
    this.forget();
    this.set({ armed: false });
    this.deps.audit().record('disarm', 'trader', { source, wasArmed: was.armed, ...(was.account ? { account: { broker: was.account.broker, host: was.account.host } } : {}) });
    return this.current;
  }

  /**
   * At start: a remembered arming for today's IST date is restored if OpenAlgo still names the same
   * account; anything else (another day, another account, OpenAlgo unreachable) starts disarmed.
   */
  async restore(): Promise<void> {
    const read = readFileNoFollow(this.deps.file);
    if (!read.ok) return;
    const parsed = rememberedSchema.safeParse(safeJson(read.value.data.toString('utf8')));
    const today = istDateKey(this.deps.clock.now());
    if (!parsed.success || parsed.data.dateKey !== today) {
      this.forget();
      return;
    }
    const probed = await this.deps.probe();
    const same = probed.ok && probed.value.broker === parsed.data.broker && probed.value.host === parsed.data.host;
    if (!same) {
      this.deps.audit().record('disarm', 'engine', {
        remembered: { broker: parsed.data.broker, host: parsed.data.host },
        reason: probed.ok ? `OpenAlgo now trades for ${probed.value.broker} at ${probed.value.host}` : `OpenAlgo could not be asked: ${probed.error}`,
      });
      return;
    }
    this.set({ armed: true, account: probed.value, armedAt: this.deps.clock.now(), rememberedFor: today });
    this.deps.audit().record('arm', 'engine', { account: { broker: probed.value.broker, host: probed.value.host }, remembered: today });
  }

  private set(state: ArmingState): void {
    this.current = state;
    this.deps.onChange(state);
  }

  private forget(): void {
    fs.rmSync(this.deps.file, { force: true });
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
