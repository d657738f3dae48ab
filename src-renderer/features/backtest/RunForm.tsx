import { useEffect } from 'react';
import type { ParamFieldDto } from '#contract/bot-dto';
import { toDraft, type DraftValue } from '#renderer/features/bots/param-draft.ts';
import { istDateKeyOf } from '#renderer/lib/format.ts';
import { useBotsStore } from '#renderer/stores/bots-store.ts';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { useBacktestStore } from './backtest-store.ts';
import { buildStart, defaultRange, EDITABLE_KINDS } from './run-form.ts';

function ParamInput({ botId, field, value, error, onChange }: { botId: string; field: ParamFieldDto; value: DraftValue; error?: string; onChange: (v: DraftValue) => void }) {
  const id = `bt-param-${botId}-${field.key}`;
  const title = [field.description, field.min !== undefined ? `${String(field.min)}–${String(field.max)}${field.unit ? ` ${field.unit}` : ''}` : undefined].filter(Boolean).join(' · ');
  let input;
  if (field.kind === 'boolean') input = <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} data-testid={id} />;
  else if (field.kind === 'choice')
    input = (
      <select id={id} value={String(value)} onChange={(e) => onChange(e.target.value)} data-testid={id}>
        {(field.options ?? []).map((o) => (
          <option key={o}>{o}</option>
        ))}
      </select>
    );
  else input = <input id={id} className="num" value={String(value)} onChange={(e) => onChange(e.target.value)} aria-invalid={error ? 'true' : undefined} data-testid={id} />;
  return (
    <label className="bt-param" title={title}>
      <span>
        {field.label}
        {field.unit ? ` (${field.unit})` : ''}
      </span>
      {input}
      {error ? <span className="error">{error}</span> : null}
    </label>
  );
}

/** The run form: bots with their parameters (from each bot's own schema), the days, the market, Run. */
export function RunForm() {
  const bots = useBotsStore((s) => s.bots);
  // The engine's day, not its clock: the form re-renders once a day, not on every heartbeat.
  const engineDay = useSessionStore((s) => (s.session ? istDateKeyOf(s.session.clock) : undefined));
  const stale = useStale();
  const params = useBacktestStore((s) => s.params);
  const loadParams = useBacktestStore((s) => s.loadParams);
  const start = useBacktestStore((s) => s.start);
  const starting = useBacktestStore((s) => s.starting);
  const form = useBacktestStore((s) => s.form);
  const setForm = useBacktestStore((s) => s.setForm);
  const { chosen, drafts, source, seed, label, errors } = form;
  const range = form.range ?? (engineDay === undefined ? { from: '', to: '' } : defaultRange(engineDay));
  const setRange = (r: { from: string; to: string }) => setForm({ range: r });
  useEffect(() => {
    for (const b of chosen) void loadParams(b);
  }, [chosen, loadParams]);

  const draftOf = (botId: string, f: ParamFieldDto): DraftValue => drafts[botId]?.[f.key] ?? toDraft(f, params[botId]?.values[f.key]);
  const setDraft = (botId: string, key: string, v: DraftValue) => setForm({ drafts: { ...drafts, [botId]: { ...drafts[botId], [key]: v } } });
  const toggleBot = (id: string) => setForm({ chosen: chosen.includes(id) ? chosen.filter((b) => b !== id) : bots.map((b) => b.id).filter((b) => b === id || chosen.includes(b)) });

  const run = async () => {
    const built = buildStart({ bots: chosen, params, drafts, from: range.from, to: range.to, source, seed, label });
    if (!built.ok) return setForm({ errors: built.errors });
    setForm({ errors: {} });
    if (await start(built.value)) setForm({ label: '' });
  };

  return (
    <form
      className="bt-form"
      onSubmit={(e) => {
        e.preventDefault();
        void run();
      }}
      data-testid="backtest-form"
    >
      <div className="bt-row">
        <span className="muted">Bots</span>
        {bots.map((b) => (
          <label key={b.id} className="inline-check">
            <input type="checkbox" checked={chosen.includes(b.id)} onChange={() => toggleBot(b.id)} data-testid={`bt-bot-${b.id}`} />
            {b.name}
          </label>
        ))}
        {errors.bots ? <span className="error">{errors.bots}</span> : null}
      </div>
      {chosen.map((botId) => (
        <fieldset key={botId} className="bt-params" data-testid={`bt-params-${botId}`}>
          <legend>{bots.find((b) => b.id === botId)?.name ?? botId}</legend>
          {params[botId] ? (
            params[botId].fields
              .filter((f) => EDITABLE_KINDS.includes(f.kind))
              .map((f) => <ParamInput key={f.key} botId={botId} field={f} value={draftOf(botId, f)} {...(errors[`${botId}.${f.key}`] ? { error: errors[`${botId}.${f.key}`] } : {})} onChange={(v) => setDraft(botId, f.key, v)} />)
          ) : (
            <span className="muted">Loading its parameters…</span>
          )}
        </fieldset>
      ))}
      <div className="bt-row">
        <label>
          From <input type="date" value={range.from} onChange={(e) => setRange({ ...range, from: e.target.value })} aria-invalid={errors.from ? 'true' : undefined} data-testid="bt-from" />
        </label>
        <label>
          to <input type="date" value={range.to} onChange={(e) => setRange({ ...range, to: e.target.value })} aria-invalid={errors.to ? 'true' : undefined} data-testid="bt-to" />
        </label>
        <select value={source} onChange={(e) => setForm({ source: e.target.value as 'simulator' | 'history' })} aria-label="Market" data-testid="bt-source">
          <option value="simulator">Simulated market</option>
          <option value="history">This terminal’s history</option>
        </select>
        {source === 'simulator' ? (
          <label>
            seed <input className="num bt-seed" value={seed} onChange={(e) => setForm({ seed: e.target.value })} aria-invalid={errors.seed ? 'true' : undefined} data-testid="bt-seed" />
          </label>
        ) : null}
        <input placeholder="Label (optional)" value={label} maxLength={80} onChange={(e) => setForm({ label: e.target.value })} data-testid="bt-label" />
        <button type="submit" disabled={starting || stale} data-testid="bt-submit">
          {starting ? 'Starting…' : 'Run backtest'}
        </button>
      </div>
      {['from', 'to', 'seed'].map((k) => (errors[k] ? <p key={k} className="error">{errors[k]}</p> : null))}
    </form>
  );
}
