import { useEffect } from 'react';
import { formatInrCompact, formatPrice } from '#renderer/lib/format.ts';
import { useSessionStore, useStale } from '#renderer/stores/session-store.ts';
import { readPath, RISK_FIELDS, type RiskField } from './risk-fields.ts';
import { useRiskSettingsStore } from './risk-settings-store.ts';

function shown(f: RiskField, v: unknown): string {
  if (v === undefined) return '—';
  if (f.kind === 'boolean') return v === true ? 'yes' : 'no';
  if (f.kind === 'number' && typeof v === 'number') return f.unit === '₹' ? formatInrCompact(v) : `${formatPrice(v, Number.isInteger(v) ? 0 : 2)} ${f.unit}`;
  return String(v);
}

/**
 * The risk limits: each with the value in force and the saved one to edit. A change is checked by the
 * config schema and saved to config.json for the next start (every check holds the limits it started with).
 */
export function RiskLimitsSection() {
  const s = useRiskSettingsStore();
  const connection = useSessionStore((x) => x.connection);
  const stale = useStale();
  useEffect(() => {
    if (connection === 'open') void useRiskSettingsStore.getState().load();
  }, [connection]);
  const view = s.view;
  const differs = view !== undefined && JSON.stringify(view.inForce) !== JSON.stringify(view.saved);
  return (
    <section className="settings-section" data-testid="risk-settings">
      <h3>Risk limits</h3>
      {view ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void s.save();
          }}
        >
          <table className="table risk-table">
            <thead>
              <tr>
                <th>Limit</th>
                <th className="num">In force</th>
                <th>Saved</th>
              </tr>
            </thead>
            <tbody>
              {RISK_FIELDS.filter((f) => readPath(view.saved, f.path) !== undefined).map((f) => {
                const inForce = readPath(view.inForce, f.path);
                const error = s.errors[f.path];
                const d = s.draft[f.path];
                const id = `risk-${f.path.replace('.', '-')}`;
                return (
                  <tr key={f.path} className={f.sub ? 'risk-sub' : undefined}>
                    <td className="wrap">
                      <label htmlFor={id}>{f.label}</label>
                      {error ? (
                        <span className="error block" data-testid={`${id}-error`}>
                          {error}
                        </span>
                      ) : null}
                    </td>
                    <td className="num">{shown(f, inForce)}</td>
                    <td>
                      {f.kind === 'boolean' ? (
                        <input id={id} type="checkbox" checked={d === true} onChange={(e) => s.edit(f.path, e.target.checked)} data-testid={id} />
                      ) : f.kind === 'choice' ? (
                        <select id={id} value={String(d ?? '')} onChange={(e) => s.edit(f.path, e.target.value)} data-testid={id}>
                          {f.options.map((o) => (
                            <option key={o} value={o}>
                              {o}
                            </option>
                          ))}
                        </select>
                      ) : (
                        <input id={id} className="num risk-input" inputMode="decimal" value={String(d ?? '')} onChange={(e) => s.edit(f.path, e.target.value)} aria-invalid={error ? 'true' : undefined} data-testid={id} />
                      )}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
          <div className="actions risk-actions">
            <button type="submit" disabled={s.busy || stale} data-testid="risk-save">
              Save limits
            </button>
            {differs ? (
              <span className="warn-text small-inline" data-testid="risk-restart-note">
                Saved limits differ from those in force: they apply at the next start.
              </span>
            ) : null}
          </div>
          {s.message ? (
            <p className={s.message.kind === 'error' ? 'error' : 'muted small'} role={s.message.kind === 'error' ? 'alert' : 'status'} data-testid="risk-message">
              {s.message.text}
            </p>
          ) : null}
          <p className="muted small">Limits for one bot, margin and price bands: the risk section of {view.configFile}.</p>
        </form>
      ) : (
        <p className="muted small">{s.message?.text ?? 'Loading…'}</p>
      )}
    </section>
  );
}
