import type { FastifyInstance } from 'fastify';

/** What `/metrics` serves: the Prometheus text exposition (`#metrics/engine-metrics`). */
export interface MetricsSource {
  readonly contentType: string;
  text(): Promise<string>;
}

export const METRICS_PATH = '/metrics';

/** `GET /metrics`, behind the same Host/Origin guard and access token as `/api` (the onRequest hook). */
export function registerMetricsRoute(app: FastifyInstance, metrics: MetricsSource): void {
  app.get(METRICS_PATH, async (_req, reply) => reply.type(metrics.contentType).send(await metrics.text()));
}
