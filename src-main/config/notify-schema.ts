import { z } from 'zod';
import { err, ok, type Result } from '#core/result';

/** What the trader can be told about; each kind has its own rule and rate limit. */
export const NOTIFY_KINDS = ['fill', 'rejection', 'risk', 'feed', 'summary'] as const;
export type NotifyKind = (typeof NOTIFY_KINDS)[number];

export interface NotifyRule {
  readonly enabled: boolean;
  /** Sent at once before the rate applies (the token bucket's size). */
  readonly burst: number;
  /** Sustained notifications per minute once the burst is spent; the rest are coalesced ("and N more"). */
  readonly perMinute: number;
}

const RULE_DEFAULTS: Readonly<Record<NotifyKind, NotifyRule>> = {
  fill: { enabled: true, burst: 5, perMinute: 6 },
  rejection: { enabled: true, burst: 5, perMinute: 6 },
  risk: { enabled: true, burst: 3, perMinute: 2 },
  feed: { enabled: true, burst: 3, perMinute: 1 },
  summary: { enabled: true, burst: 1, perMinute: 1 },
};

const ruleSchema = (d: NotifyRule) =>
  z
    .object({
      enabled: z.boolean().default(d.enabled),
      burst: z.number().int().min(1).max(100).default(d.burst),
      perMinute: z.number().min(0.1).max(600).default(d.perMinute),
    })
    .strict()
    .default(d);

export const DEFAULT_NOTIFICATIONS = {
  desktop: true,
  telegram: { enabled: false, timeoutMs: 10_000 },
  rules: RULE_DEFAULTS,
};

/**
 * `notifications` in config.json. Every field has a default, so `{ "telegram": { "enabled": true,
 * "chatId": "123456789" } }` is a whole section. The Telegram bot token is a secret and never lives here.
 */
export const notificationsSchema = z
  .object({
    /** Native notifications of the desktop app (the headless server has none). */
    desktop: z.boolean().default(DEFAULT_NOTIFICATIONS.desktop),
    telegram: z
      .object({
        enabled: z.boolean().default(false),
        /** The chat to write to: a numeric chat id (negative for groups) or a public channel's @name. */
        chatId: z
          .string()
          .regex(/^(-?\d{1,20}|@[A-Za-z][A-Za-z0-9_]{4,31})$/, 'must be a numeric chat id (e.g. 123456789, or -100… for a group) or a channel’s @name')
          .optional(),
        timeoutMs: z.number().int().min(1000).max(60_000).default(10_000),
        /**
         * The Bot API server the token is sent to: Telegram's own unless you run a local Bot API server
         * (github.com/tdlib/telegram-bot-api). Only config.json sets it, never the settings screen or the
         * API, so nothing but an edit on this machine can send the token elsewhere.
         */
        apiUrl: z
          .string()
          .url()
          .refine((u) => /^https:\/\//.test(u) || /^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?(\/|$)/.test(u), 'must be https://…, or http:// on this machine (127.0.0.1, localhost)')
          .optional(),
      })
      .strict()
      .refine((t) => !t.enabled || t.chatId !== undefined, { message: 'telegram.chatId is required when Telegram is enabled', path: ['chatId'] })
      .default(DEFAULT_NOTIFICATIONS.telegram),
    rules: z
      .object({
        fill: ruleSchema(RULE_DEFAULTS.fill),
        rejection: ruleSchema(RULE_DEFAULTS.rejection),
        risk: ruleSchema(RULE_DEFAULTS.risk),
        feed: ruleSchema(RULE_DEFAULTS.feed),
        summary: ruleSchema(RULE_DEFAULTS.summary),
      })
      .strict()
      .default(RULE_DEFAULTS),
  })
  .strict();

export type NotificationsConfig = z.infer<typeof notificationsSchema>;

const isPlainObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Nested objects merge key by key; `null` removes a key (a chat id cleared); anything else replaces it. */
function mergePatch(base: unknown, patch: unknown): unknown {
  if (!isPlainObject(base) || !isPlainObject(patch)) return patch;
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === null) delete out[k];
    else out[k] = mergePatch(base[k], v);
  }
  return out;
}

export interface NotificationsPatchError {
  readonly kind: 'invalid-input';
  readonly message: string;
}

/**
 * The saved section with a change applied, checked whole by this schema, so the settings screen can never
 * save a section the terminal would refuse at its next start. A refusal names its field as config.json
 * spells it (`notifications.rules.fill.burst: …`).
 */
export function applyNotificationsPatch(saved: NotificationsConfig, patch: Readonly<Record<string, unknown>>): Result<NotificationsConfig, NotificationsPatchError> {
  if (Object.keys(patch).length === 0) return err({ kind: 'invalid-input', message: 'nothing to change: the notifications are as saved' });
  const parsed = notificationsSchema.safeParse(mergePatch(saved, patch));
  if (parsed.success) return ok(parsed.data);
  const issue = parsed.error.issues[0]!;
  const at = ['notifications', ...issue.path.map(String)].join('.');
  return err({ kind: 'invalid-input', message: issue.code === 'unrecognized_keys' ? `${at}: unknown key ${issue.keys.join(', ')}` : `${at}: ${issue.message}` });
}
