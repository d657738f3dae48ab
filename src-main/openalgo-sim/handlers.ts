import type { Reply } from './http-answers.ts';
import { accountHandlers, type DataContext } from './rest-account.ts';
import { calendarHandlers } from './rest-calendar.ts';
import { history, ticker } from './rest-history.ts';
import { instruments } from './rest-instruments.ts';
import { marketHandlers } from './rest-market.ts';
import { optionHandlers } from './rest-options.ts';
import { orderHandlers } from './rest-orders.ts';

/** Every simulated OpenAlgo service by route name; the router has already loaded and authorised the body. */
export type ServiceContext = DataContext & { readonly apiKey: string };
type Service = (ctx: ServiceContext, body: Record<string, unknown>) => Reply;

export const SERVICES: Readonly<Record<string, Service>> = {
  ...orderHandlers,
  ...accountHandlers,
  ...marketHandlers,
  ...optionHandlers,
  ...calendarHandlers,
  history,
  instruments,
  ticker,
};
