import type { z } from 'zod';
import { istDateKey } from '#core/time-ist';
import type { EngineApi } from '#engine/engine-api';
import type { commands, CommandOutput } from '#contract/channels';
import type { BridgeResult } from '#contract/dto';
import type { VariantDto } from '#contract/risk-analytics-dto';
import type { VariantView } from '#engine/shadow/shadow-host';
import { sizingPolicyViews } from '#engine/sizing/sizing-fields';

type AnalyticsCommand = 'sizing:policies' | 'risk:var' | 'risk:stress' | 'risk:stress:html' | 'shadow:list' | 'shadow:start' | 'shadow:stop' | 'shadow:compare' | 'shadow:promote';
type Handler<C extends AnalyticsCommand> = (input: z.infer<(typeof commands)[C]['input']>) => BridgeResult<CommandOutput<C>>;

const DAY_MS = 86_400_000;

const unavailable = (what: string) => ({ ok: false as const, error: { kind: 'not-available' as const, message: `${what} is not available in this engine` } });
const refused = (message: string, kind: 'invalid-state' | 'unavailable' = 'invalid-state') => ({ ok: false as const, error: { kind, message } });
const variant = (v: VariantView): VariantDto => ({ ...v, settings: { ...v.settings } });

/** The bridge's VaR, stress and shadow A/B commands over the engine's riskAnalytics and shadow parts. */
export function riskAnalyticsHandlers(api: EngineApi): { [C in AnalyticsCommand]: Handler<C> } {
  return {
    'sizing:policies': () => ({ ok: true, value: sizingPolicyViews().map((p) => ({ ...p, fields: p.fields.map((f) => ({ ...f, ...(f.options ? { options: [...f.options] } : {}) })) })) }),
    'risk:var': ({ sinceMs }) => {
      const a = api.riskAnalytics;
      if (!a) return unavailable('VaR');
      const latest = a.varSnapshot();
      const { var: v } = a.limits();
      return {
        ok: true,
        value: {
          latest: { ...latest, rows: [...latest.rows], unavailable: [...latest.unavailable] },
          history: [...a.varHistory(sinceMs ?? latest.ts - DAY_MS)],
          limit: v.limit ? { ...v.limit } : null,
          refreshSeconds: v.refreshSeconds,
        },
      };
    },
    'risk:stress': () => {
      const a = api.riskAnalytics;
      if (!a) return unavailable('The stress report');
      const r = a.stress();
      return r.ok
        ? { ok: true, value: { ...r.value, rows: r.value.rows.map((x) => ({ ...x, byBot: { ...x.byBot } })), owners: [...r.value.owners], limit: a.limits().stress.maxLoss } }
        : refused(r.error, 'unavailable');
    },
    'risk:stress:html': () => {
      const r = api.riskAnalytics?.stressHtml();
      if (!r) return unavailable('The stress report');
      return r.ok ? { ok: true, value: { html: r.value, fileName: `stress-${istDateKey(api.status().now)}.html` } } : refused(r.error, 'unavailable');
    },
    'shadow:list': () => (api.shadow ? { ok: true, value: api.shadow.list().map(variant) } : unavailable('Shadow A/B')),
    'shadow:start': (input) => {
      if (!api.shadow) return unavailable('Shadow A/B');
      const r = api.shadow.start({ botId: input.botId, label: input.label, ...(input.params ? { params: input.params } : {}), ...(input.sizing !== undefined ? { sizing: input.sizing } : {}) });
      return r.ok ? { ok: true, value: variant(r.value) } : refused(r.error);
    },
    'shadow:stop': ({ variantId }) => {
      if (!api.shadow) return unavailable('Shadow A/B');
      const r = api.shadow.stop(variantId);
      return r.ok ? { ok: true, value: variant(r.value) } : refused(r.error);
    },
    'shadow:compare': ({ variantId }) => {
      if (!api.shadow) return unavailable('Shadow A/B');
      const r = api.shadow.compare(variantId);
      if (!r.ok) return refused(r.error);
      const c = r.value;
      const side = (s: typeof c.real) => ({ ...s, daily: [...s.daily] });
      return { ok: true, value: { days: [...c.days], real: side(c.real), variant: side(c.variant), test: c.test ? { ...c.test } : null, verdict: { ...c.verdict } } };
    },
    'shadow:promote': ({ variantId }) => {
      if (!api.shadow) return unavailable('Shadow A/B');
      const r = api.shadow.promote(variantId);
      return r.ok ? { ok: true, value: variant(r.value) } : refused(r.error);
    },
  };
}
