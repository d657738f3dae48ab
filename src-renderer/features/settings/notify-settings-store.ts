import { create } from 'zustand';
import type { NotifySettingsDto, NotifyTestDto } from '#contract/notify-dto';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import { notifyDraftOf, notifyErrors, notifyPatch, type NotifyDraft } from './notify-form.ts';

type Message = { kind: 'ok' | 'error'; text: string };

interface NotifySettingsState {
  view?: NotifySettingsDto;
  draft?: NotifyDraft;
  errors: Record<string, string>;
  message?: Message;
  /** The token being typed: sent once, then cleared; the terminal never sends it back. */
  token: string;
  tokenMessage?: Message;
  test?: NotifyTestDto;
  testMessage?: Message;
  busy: boolean;
  load(): Promise<void>;
  edit(change: (d: NotifyDraft) => void): void;
  typeToken(token: string): void;
  save(): Promise<void>;
  saveToken(clear?: boolean): Promise<void>;
  sendTest(): Promise<void>;
}

/** The notifications form: saved through `settings:notify:set`, the token through `settings:notify:token`. */
export const useNotifySettingsStore = create<NotifySettingsState>((set, get) => ({
  errors: {},
  token: '',
  busy: false,
  async load() {
    const r = await getBridge().invoke('settings:notify:get', {});
    if (r.ok) set({ view: r.value, draft: notifyDraftOf(r.value), errors: {} });
    else set({ message: { kind: 'error', text: describeBridgeError(r.error) } });
  },
  edit(change) {
    const draft = get().draft;
    if (!draft) return;
    const next = structuredClone(draft);
    change(next);
    set({ draft: next, message: undefined, errors: get().view ? notifyPatch(get().view!, next).errors : {} });
  },
  typeToken: (token) => set({ token, tokenMessage: undefined }),
  async save() {
    const { view, draft } = get();
    if (!view || !draft || get().busy) return;
    const { patch, errors } = notifyPatch(view, draft);
    if (Object.keys(errors).length) return set({ errors, message: { kind: 'error', text: 'Fix the fields marked in red first.' } });
    if (Object.keys(patch).length === 0) return set({ message: { kind: 'ok', text: 'Nothing to save: the notifications are as saved.' } });
    set({ busy: true, message: undefined });
    const r = await getBridge().invoke('settings:notify:set', patch);
    if (!r.ok) {
      const split = r.error.kind === 'invalid-input' ? notifyErrors(r.error.message) : { fields: {}, general: describeBridgeError(r.error) };
      return set({ busy: false, errors: split.fields, message: { kind: 'error', text: split.general ?? 'The terminal refused the fields marked in red; nothing was saved.' } });
    }
    set({ busy: false, view: r.value, draft: notifyDraftOf(r.value), errors: {}, message: { kind: 'ok', text: 'Saved to config.json and recorded in the audit log; in force now.' } });
  },
  async saveToken(clear = false) {
    if (get().busy) return;
    const token = get().token.trim();
    if (!clear && token === '') return set({ tokenMessage: { kind: 'error', text: 'Paste the token @BotFather gave you first.' } });
    set({ busy: true, tokenMessage: undefined });
    const r = await getBridge().invoke('settings:notify:token', { token: clear ? null : token });
    if (!r.ok) return set({ busy: false, tokenMessage: { kind: 'error', text: describeBridgeError(r.error).replace(/^settings:notify:token: token: /i, 'The token ') } });
    set({ busy: false, token: '', view: r.value, tokenMessage: { kind: 'ok', text: clear ? 'The bot token was removed.' : 'The bot token was saved in the secret store.' } });
  },
  async sendTest() {
    if (get().busy) return;
    set({ busy: true, test: undefined, testMessage: undefined });
    const r = await getBridge().invoke('settings:notify:test', {});
    if (!r.ok) return set({ busy: false, testMessage: { kind: 'error', text: describeBridgeError(r.error) } });
    const missed = r.value.results.filter((x) => !x.delivered);
    set({
      busy: false,
      test: r.value,
      testMessage: missed.length
        ? { kind: 'error', text: missed.map((x) => `${x.sink}: ${x.problem ?? 'not delivered'}`).join('; ') }
        : { kind: 'ok', text: `Test message delivered (${r.value.results.map((x) => x.sink).join(', ')}).` },
    });
  },
}));
