import type { BridgeErrorDto } from '#contract/dto';

/** Words for the input fields commands take, so an error names what the trader sees, not a wire name. */
const FIELD_NAMES: Record<string, string> = {
  baseUrl: 'The host URL',
  wsUrl: 'The WebSocket URL',
  apiKey: 'The API key',
  botId: 'The bot',
  mode: 'The mode',
  instrumentId: 'The instrument',
  timeframe: 'The timeframe',
};

const capitalise = (s: string) => (s ? s.charAt(0).toUpperCase() + s.slice(1) : s);

/**
 * One sentence for the trader. Input the bridge's schemas refuse comes back as `channel: field: message`;
 * it is said with the field's own name instead ("The host URL must be an http(s) URL."). The engine's
 * refusals are sentences already and pass through, capitalised.
 */
export function describeBridgeError(e: BridgeErrorDto): string {
  if (e.kind === 'transport') return `No answer from the engine: ${e.message}.`;
  // The bridge's own schema check reads `channel: field: reason`; the engine's refusals are sentences already.
  const wire = /^[a-z]+:[a-z-]+: /.exec(e.message);
  if (e.kind !== 'invalid-input' || !wire) return finish(capitalise(e.message));
  let reason = e.message.slice(wire[0].length);
  if (e.path && reason.startsWith(`${e.path}: `)) reason = reason.slice(e.path.length + 2);
  const field = e.path ? FIELD_NAMES[e.path.split('.')[0]!] : undefined;
  if (!field) return finish(capitalise(reason));
  // The contract's messages continue the field's name ("must be …"); zod's own stand alone ("Invalid option").
  return finish(/^(must|looks|is|has) /.test(reason) ? `${field} ${reason}` : `${field}: ${reason.charAt(0).toLowerCase()}${reason.slice(1)}`);
}

const finish = (s: string) => (/[.!?)]$/.test(s) ? s : `${s}.`);
