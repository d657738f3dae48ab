import { z } from 'zod';

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
