import type { ApiResult, TerminalClient } from '#client/rest-client';
import type { ParamFieldDto } from '#contract/bot-dto';
import type { RouteOutput } from '#contract/rest-api';
import { call, usage, type CtlPlan } from './ctl-plan.ts';
import { record, table } from './ctl-tables.ts';

/** `npm run ctl -- var | stress | shadow …`: VaR, the stress table and shadow A/B variants through the API. */

export const RISK_ANALYTICS_HELP = `  var [--since MS]                the book's VaR and ES (historical and Monte Carlo, 95/99 %, one day and intraday),
                                  the history since MS (epoch ms; default the last day) and the VaR limit
  stress                          the book's P&L and each bot's under every named stress scenario
  shadow list                     shadow A/B variants of the bots
  shadow start <bot>~<label> --set key=value …   run a variant of the bot with those parameters, on paper beside it
  shadow compare|stop|promote <bot>~<label>      the comparison with the bot; stop it; give the bot its settings (audited)`;

export interface RiskAnalyticsValues {
  readonly since?: string;
  readonly set?: readonly string[];
}

const SHADOW_VERBS = ['list', 'start', 'compare', 'stop', 'promote'] as const;
const VARIANT = /^([a-z-]{1,40})~([A-Za-z0-9_-]{1,32})$/;

/** The variant's parameters typed by the bot's own fields, as `bots params --set` sends them. */
type Typed = (field: ParamFieldDto | undefined, text: string) => unknown;

async function startVariant(client: TerminalClient, typed: Typed, botId: string, label: string, pairs: readonly (readonly [string, string])[]): Promise<ApiResult<unknown>> {
  let fields: readonly ParamFieldDto[] = [];
  if (pairs.length > 0) {
    const current = await client.botParams(botId);
    if (!current.ok) return current;
    fields = current.value.fields;
  }
  const params = Object.fromEntries(pairs.map(([k, t]) => [k, typed(fields.find((f) => f.key === k), t)]));
  return client.call('shadowStart', { body: { botId, label, ...(pairs.length > 0 ? { params: params as never } : {}) } });
}

/** `typed` reads a `--set` value by its field's kind (ctl-commands' paramValue). */
export function riskAnalyticsPlan(name: 'var' | 'stress' | 'shadow', words: readonly string[], v: RiskAnalyticsValues, typed: Typed): CtlPlan {
  if (name !== 'shadow') {
    if (words.length) return usage(`unexpected "${words[0]}" after ${name}`, `${name} takes no more words; see npm run ctl -- --help`);
    if (name === 'stress') return call('riskStress', (c) => c.call('riskStress', {}));
    const since = v.since === undefined ? undefined : Number(v.since);
    if (since !== undefined && !(Number.isInteger(since) && since >= 0)) return usage(`--since ${v.since} is not a time`, 'give epoch milliseconds, e.g. --since 1795400000000');
    return call('riskVar', (c) => c.call('riskVar', since !== undefined ? { query: { since } } : {}));
  }
  const [verb = 'list', id, ...rest] = words;
  if (!(SHADOW_VERBS as readonly string[]).includes(verb)) return usage(`shadow ${verb} is not a shadow command`, `use shadow ${SHADOW_VERBS.join('|')}`);
  if (verb === 'list') return id !== undefined ? usage('shadow list takes no more words', 'write npm run ctl -- shadow list') : call('shadows', (c) => c.call('shadows', {}));
  const m = id === undefined ? null : VARIANT.exec(id);
  if (!m || rest.length) return usage(`shadow ${verb} needs one variant as <bot>~<label>`, `write shadow ${verb} iron-condor~wide (shadow list shows them)`);
  const variant = { params: { variant: id! } };
  if (verb !== 'start' && v.set !== undefined) return usage(`--set goes with shadow start, not shadow ${verb}`, `write shadow start ${id} --set key=value`);
  switch (verb) {
    case 'compare':
      return call('shadowCompare', (c) => c.call('shadowCompare', variant));
    case 'stop':
      return call('shadowStop', (c) => c.call('shadowStop', variant));
    case 'promote':
      return call('shadowPromote', (c) => c.call('shadowPromote', variant));
    default: {
      const pairs: [string, string][] = [];
      for (const s of v.set ?? []) {
        const eq = s.indexOf('=');
        if (eq <= 0) return usage(`--set ${s} is not key=value`, 'write --set shortDelta=0.25 (bots params <bot> lists the keys)');
        pairs.push([s.slice(0, eq), s.slice(eq + 1)]);
      }
      return call('shadowStart', (c) => startVariant(c, typed, m[1]!, m[2]!, pairs));
    }
  }
}

const rupees = (x: number): number => Math.round(x);

const variantRow = (x: RouteOutput<'shadowStart'>) => [x.variantId, x.status, JSON.stringify(x.settings)];
const VARIANT_HEAD = ['variant', 'status', 'settings'];

export const RISK_ANALYTICS_FORMAT: { [N in 'riskVar' | 'riskStress' | 'riskStressHtml' | 'shadows' | 'shadowStart' | 'shadowCompare' | 'shadowStop' | 'shadowPromote']: (v: RouteOutput<N>) => string } = {
  riskVar: (v) =>
    `${table(
      ['method', 'horizon', 'confidence', 'VaR ₹', 'ES ₹', 'interval ₹', 'scenarios', 'legs'],
      v.latest.rows.map((r) => [r.method, r.horizon, `${Math.round(r.confidence * 100)} %`, rupees(r.var), rupees(r.es), `${rupees(r.varLow)} – ${rupees(r.varHigh)}`, r.scenarios, r.legs]),
    )}${v.latest.unavailable.map((u) => `\n${u.method} ${u.horizon}: ${u.reason}`).join('')}\n${record([
      ['VaR limit', v.limit ? `₹${v.limit.maxLoss} one-day ${Math.round(v.limit.confidence * 100)} % ${v.limit.method}` : 'none'],
      ['refreshed every', `${v.refreshSeconds} s and after each fill`],
      ['stored figures', v.history.length],
    ])}`,
  riskStress: (s) =>
    `${table(
      ['scenario', 'move', 'book ₹', ...s.owners.map((o) => `${o} ₹`)],
      s.rows.map((r) => [r.name, r.move, rupees(r.pnl), ...s.owners.map((o) => rupees(r.byBot[o] ?? 0))]),
    )}\n${record([
      ['worst', `${s.worst.id} (₹${rupees(s.worst.loss)} loss)`],
      ['stress limit', s.limit === null ? 'none' : `₹${s.limit}`],
    ])}`,
  riskStressHtml: (h) => h.html,
  shadows: (list) => (list.length ? table(VARIANT_HEAD, list.map(variantRow)) : 'no variants: start one with shadow start <bot>~<label> --set key=value'),
  shadowStart: (x) => table(VARIANT_HEAD, [variantRow(x)]),
  shadowStop: (x) => table(VARIANT_HEAD, [variantRow(x)]),
  shadowPromote: (x) => table(VARIANT_HEAD, [variantRow(x)]),
  shadowCompare: (c) =>
    `${table(
      ['', 'bot', 'variant'],
      [
        ['P&L net of charges ₹', rupees(c.real.netPnl), rupees(c.variant.netPnl)],
        ['charges ₹', rupees(c.real.charges), rupees(c.variant.charges)],
        ['closed trades', c.real.trades, c.variant.trades],
        ['hit rate', `${Math.round(c.real.hitRate * 100)} %`, `${Math.round(c.variant.hitRate * 100)} %`],
        ['max drawdown ₹', rupees(c.real.maxDrawdown), rupees(c.variant.maxDrawdown)],
        ['slippage per unit ₹', c.real.slippagePerUnit, c.variant.slippagePerUnit],
      ],
    )}\n${record([
      ['sessions', c.days.length],
      ['Welch t / df / p', c.test ? `${c.test.t.toFixed(2)} / ${c.test.df.toFixed(1)} / ${c.test.p.toFixed(3)}` : 'needs two sessions'],
      ['verdict', `${c.verdict.kind}: ${c.verdict.reason}`],
    ])}`,
};
