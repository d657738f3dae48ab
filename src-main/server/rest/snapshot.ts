import type { Router } from '#bridge/router';
import type { StreamName, StreamSnapshot } from '#contract/channels';
import type { BridgeResult } from '#contract/dto';

/**
 * A read through the bridge's own stream: subscribe, keep the snapshot, unsubscribe. A REST read is then
 * exactly what the UI's panel shows on opening, from the same handler and projection.
 */
export function snapshotOf<S extends StreamName>(router: Router, stream: S, params: unknown = {}): BridgeResult<StreamSnapshot<S>> {
  const seen: { data?: StreamSnapshot<S> } = {};
  const opened = router.subscribe(stream, params, {
    snapshot: (d) => {
      seen.data ??= d as StreamSnapshot<S>;
    },
    delta: () => undefined,
  });
  if (!opened.ok) return opened;
  opened.value();
  return 'data' in seen ? { ok: true, value: seen.data! } : { ok: false, error: { kind: 'internal', message: `the ${stream} stream sent no snapshot` } };
}
