import type { z } from 'zod';
import type { BacktestEntry, BacktestService, BacktestServiceError } from '#backtest/service/backtest-service';
import type { BacktestResult } from '#backtest/types';
import type { commands, CommandOutput } from '#contract/channels';
import type { BacktestDto, BacktestResultDto } from '#contract/backtest-dto';
import type { BridgeResult } from '#contract/dto';

type BacktestCommand = 'backtest:start' | 'backtest:cancel' | 'backtest:get' | 'backtest:report';
type Handler<C extends BacktestCommand> = (input: z.infer<(typeof commands)[C]['input']>) => BridgeResult<CommandOutput<C>>;

const unavailable = { ok: false as const, error: { kind: 'not-available' as const, message: 'backtests are not available in this terminal' } };
const refused = (e: BacktestServiceError) => ({ ok: false as const, error: { kind: e.kind, message: e.message, ...('path' in e && e.path ? { path: e.path } : {}) } });

export function toBacktestDto(e: BacktestEntry): BacktestDto {
  return {
    id: e.id,
    ...(e.jobId !== undefined ? { jobId: e.jobId } : {}),
    state: e.state,
    label: e.label,
    from: e.from,
    to: e.to,
    bots: [...e.bots],
    createdAt: e.createdAt,
    progress: e.progress ? { ...e.progress } : null,
    ...(e.runId !== undefined ? { runId: e.runId } : {}),
    ...(e.message !== undefined ? { message: e.message } : {}),
    ...(e.summary ? { summary: { ...e.summary } } : {}),
  };
}

export function toBacktestResultDto(r: BacktestResult): BacktestResultDto {
  return { ...r, request: { ...r.request } };
}

/** The bridge's backtest commands over the terminal's backtest service (absent where none was wired: not available). */
export function backtestHandlers(service: BacktestService | undefined): { [C in BacktestCommand]: Handler<C> } {
  return {
    'backtest:start': ({ label, bots, ...request }) => {
      if (!service) return unavailable;
      const r = service.start({ request: { ...request, bots: bots.map((b) => ({ id: b.botId, params: b.params ?? {} })) }, ...(label ? { label } : {}) });
      return r.ok ? { ok: true, value: toBacktestDto(r.value) } : refused(r.error);
    },
    'backtest:cancel': ({ id }) => {
      if (!service) return unavailable;
      const r = service.cancel(id);
      return r.ok ? { ok: true, value: toBacktestDto(r.value) } : refused(r.error);
    },
    'backtest:get': ({ id }) => {
      if (!service) return unavailable;
      const r = service.detail(id);
      return r.ok ? { ok: true, value: { backtest: toBacktestDto(r.value.entry), result: r.value.result ? toBacktestResultDto(r.value.result) : null } } : refused(r.error);
    },
    'backtest:report': ({ id }) => {
      if (!service) return unavailable;
      const r = service.report(id);
      return r.ok ? { ok: true, value: { ...r.value } } : refused(r.error);
    },
  };
}

/** Where the `backtests` stream's snapshot and deltas go (the router's StreamSink). */
interface BacktestSink {
  snapshot(data: BacktestDto[]): void;
  delta(data: BacktestDto): void;
}

/** The `backtests` stream: the list, then each change of a running one. */
export function openBacktests(service: BacktestService | undefined, sink: BacktestSink): BridgeResult<() => void> {
  sink.snapshot(service ? service.list().map(toBacktestDto) : []);
  return { ok: true, value: service ? service.subscribe((e) => sink.delta(toBacktestDto(e))) : () => undefined };
}
