import type { ApiResult, TerminalClient } from '#client/rest-client';
import type { RouteName } from '#contract/rest-api';

/** What a command line asks for: one API route and how to call it, or a usage error. */
export type CtlPlan =
  | {
      readonly kind: 'call';
      readonly route: RouteName;
      run(client: TerminalClient): Promise<ApiResult<unknown>>;
      /** Why the command failed although the API answered (a job that ended failed): exit 1 after the output. */
      failure?(value: unknown): string | undefined;
    }
  | { readonly kind: 'usage'; readonly what: string; readonly fix: string };

export type UsagePlan = Extract<CtlPlan, { kind: 'usage' }>;

export const usage = (what: string, fix: string): UsagePlan => ({ kind: 'usage', what, fix });

export const call = (route: RouteName, run: (c: TerminalClient) => Promise<ApiResult<unknown>>, failure?: (value: unknown) => string | undefined): CtlPlan => ({
  kind: 'call',
  route,
  run,
  ...(failure ? { failure } : {}),
});
