import type { FastifyInstance } from 'fastify';
import type { Router } from '#bridge/router';
import type { BridgeResult } from '#contract/dto';
import type { BacktestReportDto } from '#contract/backtest-dto';
import { backtestReportPage, type ApiErrorDto } from '#contract/rest-api';
import { apiError, httpStatusOf } from './rest-input.ts';

/** `/api/backtests/{id}/report.html` → `/api/backtests/:id/report.html`. */
const URL = backtestReportPage.path.replace('{id}', ':id');

/** A file name fit for a header: the engine makes it from the run's id, but nothing unquoted goes out. */
const safeFileName = (name: string): string => name.replace(/[^\w.-]/g, '_');

/**
 * GET /api/backtests/{id}/report.html: the `backtest:report` command's page sent as a page, so a browser
 * tab opens it and `curl -o` saves it. Access is the server's guard for every /api path (token, Host,
 * Origin); the report carries its own CSP (no script, inline styles and SVG only). A refusal answers in
 * the API's JSON error shape with the same status as the JSON routes.
 */
export function registerBacktestReportPage(api: FastifyInstance, router: Router): void {
  api.get(URL, async (req, reply) => {
    const params = backtestReportPage.params.safeParse(req.params);
    if (!params.success) {
      const refused: ApiErrorDto = { error: 'invalid-input', message: `id: ${params.error.issues[0]?.message ?? 'invalid'}`, field: 'id' };
      return reply.code(400).type('application/json; charset=utf-8').send(refused);
    }
    const { id } = params.data;
    const r = (await router.invoke('backtest:report', { id })) as BridgeResult<BacktestReportDto>;
    if (!r.ok) return reply.code(httpStatusOf(r.error.kind)).type('application/json; charset=utf-8').send(apiError(r.error));
    return reply
      .code(200)
      .type('text/html; charset=utf-8')
      .header('content-disposition', `inline; filename="${safeFileName(r.value.fileName)}"`)
      .header('cache-control', 'no-store')
      .send(r.value.html);
  });
}
