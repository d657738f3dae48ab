import { jsonRaw, rawReply, type Reply } from './http-answers.ts';
import type { DataContext } from './rest-account.ts';

/**
 * `GET /instruments?apikey=&exchange=&format=json|csv` (`instruments_service`): the symbol master of the
 * simulated instruments, option chains included. Only the API key is checked (no broker session), and
 * the rows carry no `freeze_qty`: OpenAlgo's master has none, `/symbol` and `/search` add it.
 */
const COLUMNS = ['symbol', 'brsymbol', 'name', 'exchange', 'brexchange', 'token', 'expiry', 'strike', 'lotsize', 'instrumenttype', 'tick_size'] as const;

function csvCell(v: unknown): string {
  const s = String(v);
  return /[",\r\n]/.test(s) ? `"${s.replaceAll('"', '""')}"` : s;
}

export function instruments(ctx: DataContext, b: Record<string, unknown>): Reply {
  const exchange = b.exchange as string | undefined;
  const rows = ctx.market
    .allInfos()
    .filter((i) => exchange === undefined || i.exchange === exchange)
    .map((i) => ({ ...i, brsymbol: i.symbol, brexchange: i.exchange }))
    .map((r) => Object.fromEntries(COLUMNS.map((c) => [c, r[c]])));
  if (b.format === 'csv') {
    const lines = rows.length === 0 ? [] : [COLUMNS.join(','), ...rows.map((r) => COLUMNS.map((c) => csvCell(r[c])).join(','))];
    return rawReply(200, lines.map((l) => `${l}\r\n`).join(''), 'text/csv', { 'content-disposition': `attachment; filename=instruments_${exchange ?? 'all'}.csv` });
  }
  if (rows.length === 0) return jsonRaw(200, 'jsonify', { status: 'success', message: 'No instruments found', data: [] });
  return jsonRaw(200, 'jsonify', { status: 'success', message: `Found ${rows.length} instruments`, data: rows });
}
