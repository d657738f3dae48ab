import { create } from 'zustand';

export type ToastTone = 'info' | 'good' | 'warn' | 'bad';

export interface Toast {
  readonly id: number;
  /** Toasts with the same key replace each other (a feed flapping shows one toast, counted). */
  readonly key: string;
  readonly tone: ToastTone;
  readonly title: string;
  readonly body?: string;
  readonly count: number;
  /** Wall ms it disappears at; undefined: stays until dismissed (errors a trader must read). */
  readonly until?: number;
}

export interface ToastInput {
  readonly key: string;
  readonly tone: ToastTone;
  readonly title: string;
  readonly body?: string;
  /** Default: 6 s for info and good news, sticky for warnings and problems. */
  readonly ttlMs?: number | null;
}

const MAX_VISIBLE = 5;

interface ToastsState {
  toasts: Toast[];
  push(t: ToastInput, nowMs?: number): void;
  dismiss(key: string): void;
  expire(nowMs: number): void;
}

let nextId = 1;

/**
 * The notification tray: feed problems and engine loss now, fills and rejections when those panels
 * arrive (they call `notify`). Newest on top, at most five; a repeat of a key updates its toast.
 */
export const useToastsStore = create<ToastsState>((set, get) => ({
  toasts: [],
  push(t, nowMs = performance.now()) {
    const ttl = t.ttlMs === undefined ? (t.tone === 'info' || t.tone === 'good' ? 6000 : null) : t.ttlMs;
    const previous = get().toasts.find((x) => x.key === t.key);
    const toast: Toast = {
      id: nextId++,
      key: t.key,
      tone: t.tone,
      title: t.title,
      ...(t.body !== undefined ? { body: t.body } : {}),
      count: previous && previous.title === t.title ? previous.count + 1 : 1,
      ...(ttl !== null ? { until: nowMs + ttl } : {}),
    };
    set({ toasts: [toast, ...get().toasts.filter((x) => x.key !== t.key)].slice(0, MAX_VISIBLE) });
  },
  dismiss: (key) => set({ toasts: get().toasts.filter((t) => t.key !== key) }),
  expire(nowMs) {
    const left = get().toasts.filter((t) => t.until === undefined || t.until > nowMs);
    if (left.length !== get().toasts.length) set({ toasts: left });
  },
}));

/** Shows a notification; for any part of the UI (and the panels still to come: fills, rejections, breaches). */
export const notify = (t: ToastInput): void => useToastsStore.getState().push(t);
