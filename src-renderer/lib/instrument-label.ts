const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'] as const;
const UNDERLYINGS = ['BANKNIFTY', 'FINNIFTY', 'MIDCPNIFTY', 'NIFTY', 'SENSEX'] as const;

export interface InstrumentLabel {
  /** What a trader calls it: `NIFTY`, `NIFTY FUT`, `NIFTY 26000 CE` (the expiry is `detail`). */
  readonly name: string;
  /** The expiry for derivatives: `30 Dec`. */
  readonly detail?: string;
  /** For a narrow two-line cell: `NIFTY` over `FUT 30 Dec` or `26000 CE 1 Dec`. */
  readonly short: readonly [string, string?];
  readonly kind: 'index' | 'future' | 'option' | 'other';
}

const title = (m: string) => m.charAt(0) + m.slice(1).toLowerCase();

/**
 * A readable name for an OpenAlgo `EXCHANGE:SYMBOL`: futures `NIFTY30DEC25FUT` and options
 * `NIFTY30DEC2526000CE` (underlying, DDMMMYY, strike, right) are spelled out; anything else keeps its symbol.
 */
export function instrumentLabel(id: string): InstrumentLabel {
  const symbol = id.slice(id.indexOf(':') + 1);
  if (symbol === 'INDIAVIX') return { name: 'INDIA VIX', kind: 'index', short: ['INDIA VIX'] };
  const underlying = UNDERLYINGS.find((u) => symbol.startsWith(u) && /^\d{2}[A-Z]{3}\d{2}/.test(symbol.slice(u.length)));
  if (!underlying) return { name: symbol, kind: id.includes('_INDEX:') ? 'index' : 'other', short: [symbol] };
  const rest = symbol.slice(underlying.length);
  const day = Number(rest.slice(0, 2));
  const month = rest.slice(2, 5);
  if (!(MONTHS as readonly string[]).includes(month)) return { name: symbol, kind: 'other', short: [symbol] };
  const detail = `${day} ${title(month)}`;
  const tail = rest.slice(7);
  if (tail === 'FUT') return { name: `${underlying} FUT`, detail, kind: 'future', short: [underlying, `FUT ${detail}`] };
  const option = /^(\d+(?:\.\d+)?)(CE|PE)$/.exec(tail);
  if (option) return { name: `${underlying} ${option[1]} ${option[2]}`, detail, kind: 'option', short: [underlying, `${option[1]} ${option[2]} ${detail}`] };
  return { name: symbol, kind: 'other', short: [symbol] };
}
