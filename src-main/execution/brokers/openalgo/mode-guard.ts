import { err, ok, type Result } from '#core/result';
import type { OpenAlgoClient } from '#openalgo/client';
import { brokerError, type BrokerError } from '#execution/broker';
import { brokerErrorOf } from './error-mapping.ts';

/** `live`: orders go to the broker behind OpenAlgo. `analyzer`: to OpenAlgo's sandbox (analyze mode). */
export type OpenAlgoTradingMode = 'live' | 'analyzer';

export function mismatchMessage(expected: OpenAlgoTradingMode): string {
  return expected === 'live'
    ? 'OpenAlgo is in analyze (sandbox) mode, so orders would go to its sandbox, not to your broker: turn analyze mode off in OpenAlgo, or trade through the openalgo-analyzer broker'
    : 'OpenAlgo is in live mode, so orders would go to your broker with real money: turn analyze mode on in OpenAlgo, or trade through the live openalgo broker';
}

/**
 * Keeps the adapter in the mode it was opened for. OpenAlgo's analyze switch is global to the instance
 * (anyone can flip it in its web UI), and every answer in analyze mode carries `"mode":"analyze"`
 * (live answers carry no mode), so each answer is checked. A mismatch is remembered: until `/analyzer`
 * shows the expected mode again every call is refused as `unavailable`, and an answer from the wrong
 * book is never handed on (the sandbox's book read as the live one would make live orders look lost).
 */
export class ModeGuard {
  readonly expected: OpenAlgoTradingMode;
  private readonly client: OpenAlgoClient;
  private mismatch: string | undefined;
  /** Set when an order meant for the sandbox went to the broker: only a new adapter clears it. */
  private fatal: string | undefined;

  constructor(client: OpenAlgoClient, expected: OpenAlgoTradingMode) {
    this.client = client;
    this.expected = expected;
  }

  /** Reads OpenAlgo's analyze switch; ok(true) when it is in the expected mode. */
  async inExpectedMode(): Promise<Result<boolean, BrokerError>> {
    const r = await this.client.analyzer({});
    if (!r.ok) return err(brokerErrorOf(r.error, 'read'));
    return ok(r.value.data.analyze_mode === (this.expected === 'analyzer'));
  }

  /**
   * Before a call. `confirm` re-reads the switch even without a known mismatch: the analyzer adapter does
   * so before every placement, since a switch to live between two calls would turn a sandbox order real.
   */
  async ready(confirm = false): Promise<BrokerError | undefined> {
    if (this.fatal) return brokerError('unavailable', this.fatal);
    if (this.mismatch === undefined && !confirm) return undefined;
    const r = await this.inExpectedMode();
    if (!r.ok) return r.error;
    if (!r.value) return this.refuse();
    this.mismatch = undefined;
    return undefined;
  }

  /** After an answer: undefined when its mode tag fits, else the refusal to return instead of it. */
  check(modeTag: string | undefined): BrokerError | undefined {
    const analyze = modeTag === 'analyze';
    if (analyze === (this.expected === 'analyzer')) return undefined;
    return this.refuse();
  }

  /** An order meant for the sandbox was placed live: say so on every call from now on. */
  placedLive(orderId: string): void {
    this.fatal =
      `OpenAlgo left analyze mode while the terminal was trading in its sandbox: order ${orderId} was placed LIVE with your broker. ` +
      'Check it in OpenAlgo now and cancel or close it there; this OpenAlgo analyzer broker stays stopped until it is opened again.';
  }

  private refuse(): BrokerError {
    this.mismatch = mismatchMessage(this.expected);
    return brokerError('unavailable', this.mismatch);
  }
}
