import { err, ok, type Result } from '#core/result';
import type { OpenAlgoClient } from './client.ts';
import type { OpenAlgoError } from './errors.ts';

export interface ConnectionReport {
  readonly broker: string;
  readonly analyzeMode: boolean | undefined;
  readonly availableCash: number;
  readonly usedMargin: number;
  readonly m2m: number;
}

/**
 * Checks that OpenAlgo is reachable, the key is valid and the broker session is live: ping first (the
 * session probe), then funds for a one-line summary the settings screen can show.
 */
export async function testConnection(client: OpenAlgoClient): Promise<Result<ConnectionReport, OpenAlgoError>> {
  const ping = await client.ping({});
  if (!ping.ok) return err(ping.error);
  const funds = await client.funds({});
  if (!funds.ok) return err(funds.error);
  const analyzer = await client.analyzer({});
  const f = funds.value.data;
  return ok({
    broker: ping.value.data.broker ?? 'unknown',
    analyzeMode: analyzer.ok ? analyzer.value.data.analyze_mode : undefined,
    availableCash: f.availablecash,
    usedMargin: f.utiliseddebits,
    m2m: f.m2mrealized + f.m2munrealized,
  });
}
