/** The word the trader types to arm live trading: a deliberate act, never a stray click or Enter. */
export const ARM_WORD = 'LIVE';

/** Whether what was typed is the confirmation word (surrounding spaces forgiven, the word itself exact). */
export function isArmWord(typed: string): boolean {
  return typed.trim() === ARM_WORD;
}

export interface LiveBot {
  readonly name: string;
  readonly allocation?: number;
  readonly state: string;
}

/** What arming will do, in sentences: where orders go, which bots send them, what bounds them. */
export function armingConsequences(account: { broker: string; host: string; availableCash?: number }, liveBots: readonly LiveBot[], formatMoney: (v: number) => string): string[] {
  const lines = [
    `Orders will go to your ${account.broker} account through OpenAlgo at ${account.host}, with real money${account.availableCash !== undefined ? ` (available funds ${formatMoney(account.availableCash)})` : ''}.`,
  ];
  if (liveBots.length === 0) lines.push('No bot is set to live yet: after arming, a bot trades for real only once you set it to live (its Settings…) and start it.');
  else lines.push(`${liveBots.length === 1 ? 'This bot is' : 'These bots are'} set to live and may send orders as soon as ${liveBots.length === 1 ? 'it runs' : 'they run'}: ${liveBots.map((b) => `${b.name} (${b.state}${b.allocation !== undefined ? `, capital ${formatMoney(b.allocation)}` : ''})`).join(', ')}.`);
  lines.push('Every order still passes the risk checks below; the kill switch works armed or not.');
  return lines;
}

/** What a switch to live does before the arming itself: which engine stops, which starts, what it refuses. */
export function switchConsequences(from: string): string[] {
  return [
    `The ${from} engine stops now; its book stays in the database as it is. A live engine starts on OpenAlgo’s market data and the wall clock, armed as below.`,
    'Refused, with nothing changed, while this run holds open positions or working orders, or if OpenAlgo names another account.',
    'Back to paper or simulation at any time from this section; “keep armed” aside, a restart starts live disarmed.',
  ];
}
