import { create } from 'zustand';
import type { RiskSettingsDto } from '#contract/settings-dto';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import { draftOf, riskErrors, riskPatch } from './risk-fields.ts';

interface RiskSettingsState {
  view?: RiskSettingsDto;
  draft: Record<string, string | boolean>;
  errors: Record<string, string>;
  message?: { kind: 'ok' | 'error'; text: string };
  busy: boolean;
  load(): Promise<void>;
  edit(path: string, value: string | boolean): void;
  save(): Promise<void>;
}

/** The risk limits form: the saved limits to edit, the ones in force beside them, saved through `settings:risk:set`. */
export const useRiskSettingsStore = create<RiskSettingsState>((set, get) => ({
  draft: {},
  errors: {},
  busy: false,
  async load() {
    const r = await getBridge().invoke('settings:risk:get', {});
    if (r.ok) set({ view: r.value, draft: draftOf(r.value.saved), errors: {} });
    else set({ message: { kind: 'error', text: describeBridgeError(r.error) } });
  },
  edit(path, value) {
    const draft = { ...get().draft, [path]: value };
    const errors = get().view ? riskPatch(get().view!.saved, draft).errors : {};
    set({ draft, errors, message: undefined });
  },
  async save() {
    const view = get().view;
    if (!view || get().busy) return;
    const { patch, errors } = riskPatch(view.saved, get().draft);
    if (Object.keys(errors).length > 0) return set({ errors, message: { kind: 'error', text: 'Fix the limits marked in red first.' } });
    if (Object.keys(patch).length === 0) return set({ message: { kind: 'ok', text: 'Nothing to save: the limits are as saved.' } });
    set({ busy: true, message: undefined });
    const r = await getBridge().invoke('settings:risk:set', { patch });
    if (!r.ok) {
      const split = r.error.kind === 'invalid-input' ? riskErrors(r.error.message) : { fields: {}, general: describeBridgeError(r.error) };
      return set({ busy: false, errors: split.fields, message: { kind: 'error', text: split.general ?? 'The terminal refused the limits marked in red; nothing was saved.' } });
    }
    set({
      busy: false,
      view: r.value,
      draft: draftOf(r.value.saved),
      errors: {},
      message: { kind: 'ok', text: 'Saved to config.json and recorded in the audit log. The limits in force change at the next start: restart the terminal to apply them.' },
    });
  },
}));
