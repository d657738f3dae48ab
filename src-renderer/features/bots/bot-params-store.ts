import { create } from 'zustand';
import type { BotParamsDto } from '#contract/bot-dto';
import type { SizingPolicyDto } from '#contract/risk-analytics-dto';
import { describeBridgeError } from '#renderer/lib/bridge-errors.ts';
import { getBridge } from '#renderer/stores/bridge.ts';
import { changedParams, splitEngineErrors, toDraft, type DraftValue } from './param-draft.ts';
import { buildSizing, sizingDraftOf } from './sizing-draft.ts';

type Regime = BotParamsDto['regimes'][number];
type Change = { params?: BotParamsDto['values']; allocation?: number; execution?: BotParamsDto['execution']; regimes?: Regime[]; sizing?: Record<string, unknown> | null };

/** Wall ms the editor waits after the last keystroke before asking the engine to check the change. */
export const VALIDATE_DELAY_MS = 300;

interface ParamsEditorState {
  botId?: string;
  dto?: BotParamsDto;
  draft: Record<string, DraftValue>;
  allocation: string;
  execution: BotParamsDto['execution'];
  regimes: Regime[];
  /** The sizing policies a bot may name (`sizing:policies`), loaded once. */
  policies: SizingPolicyDto[];
  /** The chosen sizing policy, '' for none (the bot sizes its entries itself). */
  sizingPolicy: string;
  sizingDraft: Record<string, DraftValue>;
  /** Per field: what is wrong with it (the editor's own range check first, then the engine's). */
  errors: Record<string, string>;
  /** What is wrong with the change as a whole, or why it could not be loaded or saved. */
  general?: string;
  /** The outcome of the last save. */
  saved?: string;
  loading: boolean;
  saving: boolean;
  open(botId: string): Promise<void>;
  close(): void;
  edit(key: string, value: DraftValue): void;
  setAllocation(text: string): void;
  setExecution(execution: BotParamsDto['execution']): void;
  setRegimes(regimes: Regime[]): void;
  loadPolicies(): Promise<void>;
  setSizingPolicy(policy: string): void;
  editSizing(key: string, value: DraftValue): void;
  save(): Promise<void>;
}

/** Reads the editor's fields into the change the bridge takes, or the errors that stop it. */
export function buildChange(
  s: Pick<ParamsEditorState, 'dto' | 'draft' | 'allocation' | 'execution' | 'regimes'> & Partial<Pick<ParamsEditorState, 'policies' | 'sizingPolicy' | 'sizingDraft'>>,
): { change: Change; errors: Record<string, string>; empty: boolean } {
  const dto = s.dto;
  if (!dto) return { change: {}, errors: {}, empty: true };
  const { params, errors } = changedParams(dto, s.draft);
  const change: Change = {};
  if (Object.keys(params).length > 0) change.params = params;
  const text = s.allocation.trim().replace(/,/g, '');
  const allocation = Number(text);
  if (text === '' || !Number.isFinite(allocation) || allocation <= 0) errors['allocation'] = 'Enter the capital in rupees, more than 0.';
  else if (allocation > dto.maxAllocation) errors['allocation'] = `At most ₹${dto.maxAllocation.toLocaleString('en-IN')}, the capital risk allows this bot (risk.bots.${dto.botId}.capital in config.json).`;
  else if (allocation !== dto.allocation) change.allocation = allocation;
  if (s.execution !== dto.execution) change.execution = s.execution;
  if (s.regimes.length === 0) errors['regimes'] = 'Choose at least one regime, or stop the bot instead.';
  else if (JSON.stringify([...s.regimes].sort()) !== JSON.stringify([...dto.regimes].sort())) change.regimes = s.regimes;
  if (s.policies && s.policies.length > 0) {
    const sized = buildSizing(s.policies, s.sizingPolicy ?? '', s.sizingDraft ?? {}, dto.sizing);
    Object.assign(errors, sized.errors);
    if (sized.sizing !== undefined) change.sizing = sized.sizing;
  }
  return { change, errors, empty: Object.keys(change).length === 0 };
}

const fromDto = (dto: BotParamsDto, policies: readonly SizingPolicyDto[]) => ({
  dto,
  sizingPolicy: typeof dto.sizing?.['policy'] === 'string' ? dto.sizing['policy'] : '',
  sizingDraft: sizingDraftOf(
    policies.find((p) => p.policy === dto.sizing?.['policy']),
    dto.sizing,
  ),
  draft: Object.fromEntries(dto.fields.map((f) => [f.key, toDraft(f, dto.pending?.[f.key] ?? dto.values[f.key])])),
  allocation: dto.allocation.toLocaleString('en-IN'),
  execution: dto.execution,
  regimes: [...dto.regimes],
  errors: {},
});

/**
 * The parameter editor of one bot: fields from the bot's schema as `bot:params:get` describes them, each
 * checked against its range as it is typed and the whole change checked by the engine (`bot:params:validate`)
 * a moment later; Save sends it with `bot:params:set`, which the engine audits.
 */
export const useBotParamsStore = create<ParamsEditorState>((set, get) => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  /** Answers to an older check are dropped: only the latest draft's errors are shown. */
  let generation = 0;

  const check = (): void => {
    const { change, errors } = buildChange(get());
    set({ errors, general: undefined, saved: undefined });
    if (timer) clearTimeout(timer);
    if (Object.keys(errors).length > 0 || !get().botId) return;
    const gen = ++generation;
    timer = setTimeout(() => {
      void (async () => {
        const botId = get().botId;
        if (!botId) return;
        const r = await getBridge().invoke('bot:params:validate', { botId, ...change });
        if (gen !== generation || get().botId !== botId) return;
        if (r.ok) set({ errors: {}, general: undefined });
        else applyRefusal(r.error.kind === 'invalid-input' ? r.error.message : describeBridgeError(r.error));
      })();
    }, VALIDATE_DELAY_MS);
  };

  const applyRefusal = (message: string): void => {
    const keys = [...(get().dto?.fields.map((f) => f.key) ?? []), 'allocation', 'execution', 'regimes', 'sizing'];
    const split = splitEngineErrors(message, keys);
    set({ errors: split.fields, ...(split.general ? { general: split.general } : {}) });
  };

  return {
    draft: {},
    allocation: '',
    execution: 'paper',
    regimes: [],
    policies: [],
    sizingPolicy: '',
    sizingDraft: {},
    errors: {},
    loading: false,
    saving: false,
    async open(botId) {
      generation++;
      set({ botId, dto: undefined, draft: {}, errors: {}, general: undefined, saved: undefined, loading: true });
      const r = await getBridge().invoke('bot:params:get', { botId });
      if (get().botId !== botId) return;
      if (r.ok) set({ ...fromDto(r.value, get().policies), loading: false });
      else set({ loading: false, general: describeBridgeError(r.error) });
    },
    close() {
      generation++;
      if (timer) clearTimeout(timer);
      set({ botId: undefined, dto: undefined, draft: {}, errors: {}, general: undefined, saved: undefined });
    },
    edit(key, value) {
      set({ draft: { ...get().draft, [key]: value } });
      check();
    },
    setAllocation(allocation) {
      set({ allocation });
      check();
    },
    setExecution(execution) {
      set({ execution });
      check();
    },
    setRegimes(regimes) {
      set({ regimes });
      check();
    },
    async loadPolicies() {
      if (get().policies.length > 0) return;
      const r = await getBridge().invoke('sizing:policies', {});
      if (!r.ok) return set({ general: `The sizing policies could not be read: ${describeBridgeError(r.error)}` });
      const dto = get().dto;
      set({ policies: r.value, ...(dto ? { sizingDraft: sizingDraftOf(r.value.find((p) => p.policy === get().sizingPolicy), dto.sizing) } : {}) });
    },
    setSizingPolicy(policy) {
      set({ sizingPolicy: policy, sizingDraft: sizingDraftOf(get().policies.find((p) => p.policy === policy), get().dto?.sizing) });
      check();
    },
    editSizing(key, value) {
      set({ sizingDraft: { ...get().sizingDraft, [key]: value } });
      check();
    },
    async save() {
      const botId = get().botId;
      if (!botId || get().saving) return;
      const { change, errors, empty } = buildChange(get());
      if (Object.keys(errors).length > 0) return set({ errors, general: 'Fix the fields marked in red first.' });
      if (empty) return set({ saved: 'Nothing to save: every value is as it is in force.' });
      generation++;
      if (timer) clearTimeout(timer);
      set({ saving: true, general: undefined, saved: undefined });
      const r = await getBridge().invoke('bot:params:set', { botId, ...change });
      if (get().botId !== botId) return;
      if (!r.ok) {
        set({ saving: false });
        return applyRefusal(r.error.kind === 'invalid-input' ? r.error.message : describeBridgeError(r.error));
      }
      const waiting = r.value.pending !== undefined && Object.keys(r.value.pending).length > 0;
      set({
        ...fromDto(r.value, get().policies),
        saving: false,
        saved: waiting
          ? 'Saved. The new parameters take effect at the bot’s next evaluation with none of its orders in flight.'
          : 'Saved, and recorded in the audit log.',
      });
    },
  };
});
