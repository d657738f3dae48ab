/** The word the trader types to switch to live: the same one the arming dialog asks for. */
export const LIVE_WORD = 'LIVE';

/** Surrounding spaces forgiven, the word itself exact: `live` or `Live` is not a confirmation. */
export function isLiveWord(typed: string): boolean {
  return typed.trim() === LIVE_WORD;
}
