import fs from 'node:fs';
import { userPath } from '#core/cli';
import type { RouteOutput } from '#contract/rest-api';
import { NOTIFY_KIND_NAMES, type NotifyPatchInput } from '#contract/notify-dto';
import { call, usage, type CtlPlan, type UsagePlan } from './ctl-plan.ts';
import { record, table } from './ctl-tables.ts';

/**
 * `npm run ctl -- notify …`: the notifications section of the settings screen through the API: show,
 * change, save the Telegram bot token (read from a file or stdin, never from the command line, which other
 * users can see), send a test message.
 */
export interface NotifyValues {
  readonly desktop?: string;
  readonly telegram?: string;
  readonly 'chat-id'?: string;
  readonly rule?: readonly string[];
  readonly burst?: readonly string[];
  readonly 'per-minute'?: readonly string[];
  readonly 'from-file'?: string;
  readonly clear?: boolean;
}

export type NotifyRoute = 'notifications' | 'notificationsSet' | 'telegramToken' | 'notificationsTest';

export const NOTIFY_HELP = `  notify [show]                   notifications: desktop, Telegram (token only as set/not set), rules per kind, what sends now
  notify set [--desktop on|off] [--telegram on|off] [--chat-id ID|none] [--rule KIND=on|off] [--burst KIND=N] [--per-minute KIND=N]
                                  change them (audited, in force at once); KIND is ${NOTIFY_KIND_NAMES.join(', ')}
  notify token --from-file FILE|- save or replace the Telegram bot token (from a file, or - for stdin); notify token --clear removes it
  notify test                     send a test message (exit 1 if it did not arrive everywhere)`;

const onOff = (flag: string, text: string | undefined): boolean | undefined | UsagePlan => {
  if (text === undefined) return undefined;
  if (text === 'on' || text === 'off') return text === 'on';
  return usage(`--${flag} ${text} is not on or off`, `write --${flag} on or --${flag} off`);
};

const isUsage = (v: unknown): v is UsagePlan => typeof v === 'object' && v !== null && (v as UsagePlan).kind === 'usage';

/** `--rule fill=off`, `--burst fill=5`, `--per-minute fill=6` into the rules' patch. */
function rulesPatch(v: NotifyValues): NonNullable<NotifyPatchInput['rules']> | UsagePlan {
  const rules: Record<string, Record<string, unknown>> = {};
  const flags = [
    ['rule', v.rule, 'enabled'],
    ['burst', v.burst, 'burst'],
    ['per-minute', v['per-minute'], 'perMinute'],
  ] as const;
  for (const [flag, values, key] of flags) {
    for (const pair of values ?? []) {
      const [kind, text] = pair.split('=', 2);
      if (!kind || text === undefined) return usage(`--${flag} ${pair} is not KIND=value`, `write e.g. --${flag} fill=${flag === 'rule' ? 'off' : '5'}`);
      if (!(NOTIFY_KIND_NAMES as readonly string[]).includes(kind)) return usage(`--${flag} ${pair}: ${kind} is not a kind`, `the kinds are ${NOTIFY_KIND_NAMES.join(', ')}`);
      let value: unknown;
      if (flag === 'rule') {
        const b = onOff(`rule ${kind}`, text);
        if (isUsage(b)) return b;
        value = b;
      } else {
        value = Number(text);
        if (text.trim() === '' || !Number.isFinite(value)) return usage(`--${flag} ${pair}: ${text} is not a number`, `write e.g. --${flag} ${kind}=5`);
      }
      rules[kind] = { ...rules[kind], [key]: value };
    }
  }
  return rules;
}

function setPlan(v: NotifyValues): CtlPlan {
  const desktop = onOff('desktop', v.desktop);
  if (isUsage(desktop)) return desktop;
  const telegramOn = onOff('telegram', v.telegram);
  if (isUsage(telegramOn)) return telegramOn;
  const rules = rulesPatch(v);
  if (isUsage(rules)) return rules;
  const chat = v['chat-id'];
  const telegram = {
    ...(telegramOn !== undefined ? { enabled: telegramOn } : {}),
    ...(chat !== undefined ? { chatId: chat === 'none' ? null : chat } : {}),
  };
  const patch: NotifyPatchInput = {
    ...(desktop !== undefined ? { desktop } : {}),
    ...(Object.keys(telegram).length ? { telegram } : {}),
    ...(Object.keys(rules).length ? { rules } : {}),
  };
  if (Object.keys(patch).length === 0) return usage('notify set needs a change', 'give --desktop, --telegram, --chat-id, --rule, --burst or --per-minute');
  return call('notificationsSet', (c) => c.setNotifications(patch));
}

/** The token from a file or stdin, first line, trimmed: never an argument (a command line is visible to other users). */
function readToken(from: string): { ok: true; token: string } | { ok: false; plan: UsagePlan } {
  try {
    const text = fs.readFileSync(from === '-' ? 0 : userPath(from), 'utf8');
    const token = text.split(/\r?\n/, 1)[0]!.trim();
    if (token === '') return { ok: false, plan: usage(`no token in ${from === '-' ? 'stdin' : from}`, 'put the token @BotFather gave you on its first line') };
    return { ok: true, token };
  } catch (e) {
    return { ok: false, plan: usage(`cannot read ${from === '-' ? 'stdin' : from} (${(e as NodeJS.ErrnoException).code ?? 'error'})`, 'give a file you can read with --from-file, or - for stdin') };
  }
}

export function notifyPlan(words: readonly string[], v: NotifyValues): CtlPlan {
  const [verb = 'show', ...rest] = words;
  if (rest.length) return usage(`unexpected "${rest[0]}" after notify ${verb}`, 'see npm run ctl -- --help');
  const editing = [v.desktop, v.telegram, v['chat-id'], v.rule, v.burst, v['per-minute']].some((x) => x !== undefined);
  if (verb !== 'set' && editing) return usage(`--desktop, --telegram, --chat-id, --rule, --burst and --per-minute go with notify set, not notify ${verb}`, 'write notify set --telegram on');
  if (verb !== 'token' && (v['from-file'] !== undefined || v.clear)) return usage(`--from-file and --clear go with notify token, not notify ${verb}`, 'write notify token --from-file FILE');
  switch (verb) {
    case 'show':
      return call('notifications', (c) => c.notifications());
    case 'set':
      return setPlan(v);
    case 'token': {
      if (v.clear && v['from-file'] !== undefined) return usage('notify token takes --from-file or --clear, not both', 'write notify token --clear to remove the token');
      if (v.clear) return call('telegramToken', (c) => c.setTelegramToken(null));
      if (v['from-file'] === undefined) return usage('notify token needs --from-file FILE (or - for stdin)', 'never type the token on the command line: other users can see it');
      const read = readToken(v['from-file']);
      if (!read.ok) return read.plan;
      return call('telegramToken', (c) => c.setTelegramToken(read.token));
    }
    case 'test':
      return call(
        'notificationsTest',
        (c) => c.testNotifications(),
        (value) => {
          const missed = (value as RouteOutput<'notificationsTest'>).results.filter((r) => !r.delivered);
          return missed.length ? `the test message did not arrive: ${missed.map((r) => `${r.sink}: ${r.problem ?? 'not delivered'}`).join('; ')}` : undefined;
        },
      );
    default:
      return usage(`notify ${verb} is not a notify command`, 'use notify show|set|token|test');
  }
}

const settings = (s: RouteOutput<'notifications'>): string =>
  `${record([
    ['desktop', s.desktopAvailable ? (s.desktop ? 'on' : 'off') : 'none here (headless)'],
    ['telegram', s.telegram.enabled ? 'on' : 'off'],
    ['chat id', s.telegram.chatId ?? ''],
    ['bot token', `${s.telegram.token === 'set' ? 'set' : 'not set'}${s.telegram.tokenSource === 'environment' ? ' (TERMINAL_TELEGRAM_BOT_TOKEN)' : ''}${s.telegram.tokenProblem ? ` — ${s.telegram.tokenProblem}` : ''}`],
    ['sending now', s.active.sinks.length ? s.active.sinks.join(', ') : 'nothing'],
    ['warning', s.active.warning ?? ''],
  ])}\n${table(
    ['kind', 'on', 'burst', 'per minute'],
    NOTIFY_KIND_NAMES.map((k) => [k, s.rules[k].enabled ? 'on' : 'off', s.rules[k].burst, s.rules[k].perMinute]),
  )}`;

export const NOTIFY_FORMAT: { [N in NotifyRoute]: (v: RouteOutput<N>) => string } = {
  notifications: settings,
  notificationsSet: settings,
  telegramToken: settings,
  notificationsTest: (t) => table(['sink', 'delivered', 'problem'], t.results.map((r) => [r.sink, r.delivered ? 'yes' : 'no', r.problem ?? ''])),
};
