import type { Fill } from '#model/fill';
import type { Finding } from '#model/finding';
import { rebuildOrders } from '#execution/rebuild';
import { openStore } from '#store/database';
import { FindingsRepository } from '#store/findings-repository';
import { OrdersRepository, type OrderRecord } from '#store/orders-repository';
import { StructuresRepository, type StructureRecord } from '#store/structures-repository';

/** What the terminal's store holds after a run: the durable truth a restart rebuilds from. */
export interface StoreBooks {
  readonly orders: readonly OrderRecord[];
  readonly fills: readonly Fill[];
  readonly structures: readonly StructureRecord[];
  /** Findings still open: what the trader is told. */
  readonly findings: readonly Finding[];
}

/**
 * Reads the run's SQLite file once the engine process has stopped: orders replayed from their event log
 * (as a restart rebuilds them), fills, structures and open findings.
 */
export async function readStoreBooks(file: string, now: number): Promise<StoreBooks> {
  const opened = openStore(file, now);
  if (!opened.ok) throw new Error(`the run's store cannot be read: ${opened.error.message}`);
  const store = opened.value;
  try {
    const rebuilt = rebuildOrders(new OrdersRepository(store.sqlite));
    return {
      orders: rebuilt.records,
      fills: rebuilt.fills,
      structures: new StructuresRepository(store.sqlite).loadAll(),
      findings: new FindingsRepository(store.sqlite).open(),
    };
  } finally {
    await store.close();
  }
}
