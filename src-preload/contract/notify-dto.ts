import { z } from 'zod';

/**
 * The notifications section of the settings screen (and `/api/settings/notifications`): what config.json
 * holds, whether a Telegram bot token is saved (never the token), and what is sending now. The engine
 * checks a change against the config schema (ranges, the chat id's shape), so the contract gives the shape.
 */
export const NOTIFY_KIND_NAMES = ['fill', 'rejection', 'risk', 'feed', 'summary'] as const;
export const notifyKindSchema = z.enum(NOTIFY_KIND_NAMES);
export type NotifyKindName = z.infer<typeof notifyKindSchema>;

const ruleDto = z.object({ enabled: z.boolean(), burst: z.number().int(), perMinute: z.number() });
const rulesDto = z.object({ fill: ruleDto, rejection: ruleDto, risk: ruleDto, feed: ruleDto, summary: ruleDto });

export const notifySettingsDto = z.object({
  /** Native notifications; `desktopAvailable` is false in the headless terminal, which has none. */
  desktop: z.boolean(),
  desktopAvailable: z.boolean(),
  telegram: z.object({
    enabled: z.boolean(),
    chatId: z.string().optional(),
    timeoutMs: z.number().int(),
    /** Whether a bot token is saved: the token itself never leaves the secret store. */
    token: z.enum(['set', 'not-set']),
    /** `environment`: TERMINAL_TELEGRAM_BOT_TOKEN is set and wins over the saved one. */
    tokenSource: z.enum(['environment', 'secret-store']).optional(),
    /** Why the saved token cannot be used (unreadable store, not shaped like a token). */
    tokenProblem: z.string().optional(),
  }),
  rules: rulesDto,
  /** What sends now: `desktop`, `telegram`; `warning` says why a configured one does not. */
  active: z.object({ sinks: z.array(z.string()), warning: z.string().optional() }),
});
export type NotifySettingsDto = z.infer<typeof notifySettingsDto>;

const rulePatch = z.object({ enabled: z.boolean().optional(), burst: z.number().optional(), perMinute: z.number().optional() }).strict();

/** A change: nested fields merge over the saved ones; `chatId: null` removes the chat. The Bot API address is config.json's alone. */
export const notifyPatchInput = z
  .object({
    desktop: z.boolean().optional(),
    telegram: z
      .object({ enabled: z.boolean().optional(), chatId: z.string().trim().max(40).nullable().optional(), timeoutMs: z.number().optional() })
      .strict()
      .optional(),
    rules: z
      .object({ fill: rulePatch.optional(), rejection: rulePatch.optional(), risk: rulePatch.optional(), feed: rulePatch.optional(), summary: rulePatch.optional() })
      .strict()
      .optional(),
  })
  .strict();
export type NotifyPatchInput = z.infer<typeof notifyPatchInput>;

/** The shape @BotFather gives: the bot's id, a colon, the secret. The message never repeats what was typed. */
export const TELEGRAM_TOKEN_PATTERN = /^\d{5,20}:[A-Za-z0-9_-]{30,64}$/;

/** Saves (replaces) the Telegram bot token in the secret store; `null` removes it. */
export const telegramTokenInput = z
  .object({
    token: z
      .string()
      .trim()
      .regex(TELEGRAM_TOKEN_PATTERN, 'is not shaped like a bot token: digits, a colon, then 30–64 letters, digits, _ or - (as @BotFather gives it)')
      .nullable(),
  })
  .strict();
export type TelegramTokenInput = z.infer<typeof telegramTokenInput>;

/** A test message through each configured sink, and whether it arrived there. */
export const notifyTestDto = z.object({
  results: z.array(z.object({ sink: z.string(), delivered: z.boolean(), problem: z.string().optional() })),
});
export type NotifyTestDto = z.infer<typeof notifyTestDto>;
