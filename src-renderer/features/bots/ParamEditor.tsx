import type { BotParamsDto, ParamFieldDto } from '#contract/bot-dto';
import type { BotDto } from '#contract/dto';
import { Modal } from '#renderer/components/Modal.tsx';
import { useTradingStore } from '#renderer/features/trading/trading-store.ts';
import { formatInrCompact, formatPrice } from '#renderer/lib/format.ts';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { useEffect, useState } from 'react';
import { useShadowStore } from '#renderer/features/shadow/shadow-store.ts';
import { buildChange, useBotParamsStore } from './bot-params-store.ts';
import type { DraftValue } from './param-draft.ts';

const REGIMES: BotParamsDto['regimes'] = ['trending', 'ranging', 'volatile'];

function rangeText(f: ParamFieldDto): string | undefined {
  if (f.kind === 'number' && typeof f.min === 'number' && typeof f.max === 'number') return `${formatPrice(f.min, Number.isInteger(f.min) ? 0 : 2)}–${formatPrice(f.max, Number.isInteger(f.max) ? 0 : 2)}${f.unit ? ` ${f.unit}` : ''}`;
  if (f.kind === 'time') return `${String(f.min)}–${String(f.max)} IST`;
  return undefined;
}

function FieldInput({ field, value, error, onChange }: { field: ParamFieldDto; value: DraftValue | undefined; error?: string; onChange: (v: DraftValue) => void }) {
  const id = `param-${field.key}`;
  const invalid = error ? 'true' : undefined;
  switch (field.kind) {
    case 'boolean':
      return <input id={id} type="checkbox" checked={value === true} onChange={(e) => onChange(e.target.checked)} data-testid={id} />;
    case 'choice':
      return (
        <select id={id} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid} data-testid={id}>
          {(field.options ?? []).map((o) => (
            <option key={o} value={o}>
              {o}
            </option>
          ))}
        </select>
      );
    case 'set': {
      const chosen = Array.isArray(value) ? (value as readonly string[]) : [];
      return (
        <span className="param-set" data-testid={id}>
          {(field.options ?? []).map((o) => (
            <label key={o} className="inline-check">
              <input type="checkbox" checked={chosen.includes(o)} onChange={(e) => onChange(e.target.checked ? [...chosen, o] : chosen.filter((c) => c !== o))} />
              {o}
            </label>
          ))}
        </span>
      );
    }
    case 'dates':
      return <textarea id={id} rows={3} value={String(value ?? '')} onChange={(e) => onChange(e.target.value)} aria-invalid={invalid} placeholder="2026-02-01 Union Budget" data-testid={id} />;
    default:
      return (
        <input
          id={id}
          type="text"
          inputMode={field.kind === 'number' ? 'decimal' : 'text'}
          value={String(value ?? '')}
          onChange={(e) => onChange(e.target.value)}
          aria-invalid={invalid}
          aria-describedby={error ? `${id}-error` : undefined}
          className="num"
          data-testid={id}
        />
      );
  }
}

/** The bot's sizing policy: how an opening signal becomes lots, after the signal and before risk; its fields come from the policy schema. */
function SizingSection() {
  const s = useBotParamsStore();
  useEffect(() => void useBotParamsStore.getState().loadPolicies(), []);
  const policy = s.policies.find((p) => p.policy === s.sizingPolicy);
  return (
    <>
      <h3 className="param-heading">Sizing</h3>
      <section className="param-grid" data-testid="sizing-section">
        <label htmlFor="sizing-policy">
          Policy
          <span className="muted small-inline block">rounded down to whole lots of the contract on the day, never above the bot’s lot limit</span>
        </label>
        <span>
          <select id="sizing-policy" className="sizing-policy" value={s.sizingPolicy} onChange={(e) => s.setSizingPolicy(e.target.value)} data-testid="sizing-policy">
            <option value="">None: the bot sizes its entries itself</option>
            {s.policies.map((p) => (
              <option key={p.policy} value={p.policy}>
                {p.label}
              </option>
            ))}
          </select>
          {policy ? <span className="muted small-inline block">{policy.description}</span> : null}
          {s.errors['sizing'] ? <span className="error block">{s.errors['sizing']}</span> : null}
        </span>
        {(policy?.fields ?? []).map((f) => {
          const key = `sizing.${f.key}`;
          const error = s.errors[key];
          return (
            <div key={key} className="param-row" data-testid={`sizing-row-${f.key}`}>
              <label htmlFor={`param-${key}`} title={f.description}>
                {f.label}
                <span className="muted small-inline block">{rangeText(f)}</span>
              </label>
              <span>
                <FieldInput field={{ ...f, key }} value={s.sizingDraft[f.key]} error={error} onChange={(v) => s.editSizing(f.key, v)} />
                {f.unit && f.kind === 'number' ? <span className="muted small-inline"> {f.unit}</span> : null}
                {error ? <span className="error block">{error}</span> : null}
              </span>
            </div>
          );
        })}
      </section>
    </>
  );
}

/** Runs the editor's change as a shadow variant on paper beside the bot, instead of saving it. */
function VariantStart() {
  const [label, setLabel] = useState('');
  const [note, setNote] = useState<string>();
  const working = useShadowStore((x) => x.working);
  const stale = useStale();
  const run = async (): Promise<void> => {
    const s = useBotParamsStore.getState();
    const { change, errors } = buildChange(s);
    if (!s.botId) return;
    if (Object.keys(errors).length > 0) return setNote('Fix the fields marked in red first.');
    if (!change.params && change.sizing === undefined) return setNote('Change a parameter or the sizing first: a variant on the bot’s own settings compares nothing.');
    setNote(undefined);
    const ok = await useShadowStore.getState().start({ botId: s.botId, label: label.trim(), ...(change.params ? { params: change.params } : {}), ...(change.sizing !== undefined ? { sizing: change.sizing } : {}) });
    const shadow = useShadowStore.getState();
    setNote(ok ? shadow.done : shadow.error);
  };
  return (
    <div className="variant-start small">
      <span>Or try the change first, on paper beside the bot:</span>
      <input value={label} onChange={(e) => setLabel(e.target.value)} placeholder="variant name" aria-label="Variant name" data-testid="variant-label" />
      <button type="button" disabled={working || stale || !/^[A-Za-z0-9_-]{1,32}$/.test(label.trim())} onClick={() => void run()} data-testid="variant-start" title="Letters, digits, - or _">
        Run as variant
      </button>
      {note ? (
        <span className="muted small-inline" role="status" data-testid="variant-note">
          {note}
        </span>
      ) : null}
    </div>
  );
}

/**
 * A bot's settings, generated from its schema: each parameter with its label, range, step and unit,
 * checked as it is typed and again by the engine; capital, paper or live, and the regimes it opens in.
 */
export function ParamEditor({ bot }: { bot: BotDto | undefined }) {
  const s = useBotParamsStore();
  const stale = useStale();
  const liveTerminal = useSessionStore((x) => x.session?.mode === 'live');
  const armed = useTradingStore((x) => x.status?.armed ?? false);
  const dto = s.dto;
  const invalid = Object.keys(s.errors).length > 0;
  const liveRefusal = !liveTerminal ? 'Live needs the terminal in live mode; in simulation and paper mode every order goes to the paper broker.' : !armed ? 'Arm live trading first (top bar).' : undefined;
  return (
    <Modal title={`${bot?.name ?? s.botId ?? ''} — settings`} onClose={s.close} testId="param-editor" wide>
      {s.loading ? <p className="muted">Loading…</p> : null}
      {dto ? (
        <form
          className="param-form"
          onSubmit={(e) => {
            e.preventDefault();
            void s.save();
          }}
        >
          <section className="param-grid">
            <label htmlFor="param-allocation">
              Capital
              <span className="muted small-inline block">up to {formatInrCompact(dto.maxAllocation)} (risk limit)</span>
            </label>
            <span>
              <input id="param-allocation" className="num" inputMode="decimal" value={s.allocation} onChange={(e) => s.setAllocation(e.target.value)} aria-invalid={s.errors['allocation'] ? 'true' : undefined} data-testid="param-allocation" />
              <span className="muted small-inline"> ₹</span>
              {s.errors['allocation'] ? <span className="error block">{s.errors['allocation']}</span> : null}
            </span>
            <span className="param-label">Orders go to</span>
            <span>
              <span className="segmented" role="radiogroup" aria-label="Paper or live">
                {(['paper', 'live'] as const).map((x) => (
                  <button
                    key={x}
                    type="button"
                    role="radio"
                    aria-checked={s.execution === x}
                    className={`${s.execution === x ? 'active' : ''}${x === 'live' ? ' live-text' : ''}`}
                    disabled={x === 'live' && liveRefusal !== undefined && s.execution !== 'live'}
                    title={x === 'live' ? liveRefusal : undefined}
                    onClick={() => s.setExecution(x)}
                    data-testid={`param-execution-${x}`}
                  >
                    {x === 'paper' ? 'Paper' : 'Live (real money)'}
                  </button>
                ))}
              </span>
              {liveRefusal && s.execution !== 'live' ? <span className="muted small-inline block">{liveRefusal}</span> : null}
              {s.errors['execution'] ? <span className="error block">{s.errors['execution']}</span> : null}
            </span>
            <span className="param-label">Opens positions in</span>
            <span>
              <span className="param-set">
                {REGIMES.map((r) => (
                  <label key={r} className="inline-check">
                    <input type="checkbox" checked={s.regimes.includes(r)} onChange={(e) => s.setRegimes(e.target.checked ? [...s.regimes, r] : s.regimes.filter((x) => x !== r))} data-testid={`param-regime-${r}`} />
                    {r}
                  </label>
                ))}
              </span>
              {s.errors['regimes'] ? <span className="error block">{s.errors['regimes']}</span> : null}
            </span>
          </section>
          <SizingSection />
          <h3 className="param-heading">Parameters</h3>
          <section className="param-grid">
            {dto.fields.map((f) => {
              const error = s.errors[f.key];
              const pending = dto.pending?.[f.key] !== undefined;
              return (
                <div key={f.key} className="param-row" data-testid={`param-row-${f.key}`}>
                  <label htmlFor={`param-${f.key}`} title={f.description}>
                    {f.label}
                    {pending ? <span className="tag">waiting</span> : null}
                    <span className="muted small-inline block">
                      {[rangeText(f), f.step !== undefined && f.kind === 'number' ? `step ${f.step}` : undefined].filter(Boolean).join(' · ')}
                    </span>
                  </label>
                  <span>
                    <FieldInput field={f} value={s.draft[f.key]} error={error} onChange={(v) => s.edit(f.key, v)} />
                    {f.unit && f.kind === 'number' ? <span className="muted small-inline"> {f.unit}</span> : null}
                    {error ? (
                      <span className="error block" id={`param-${f.key}-error`} data-testid={`param-error-${f.key}`}>
                        {error}
                      </span>
                    ) : null}
                  </span>
                </div>
              );
            })}
          </section>
          <div className="actions param-actions">
            <button type="submit" disabled={s.saving || invalid || stale} data-testid="param-save">
              {s.saving ? 'Saving…' : 'Save'}
            </button>
            <button type="button" onClick={s.close}>
              Close
            </button>
            {s.saved ? (
              <span className="muted small-inline" role="status" data-testid="param-saved">
                {s.saved}
              </span>
            ) : null}
          </div>
          <VariantStart />
        </form>
      ) : null}
      {s.general ? (
        <p className="error" role="alert" data-testid="param-general-error">
          {s.general}
        </p>
      ) : null}
    </Modal>
  );
}
