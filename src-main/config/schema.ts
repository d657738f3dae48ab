import { z } from 'zod';
import { DEFAULT_RISK_CONFIG, riskConfigSchema } from './risk-schema.ts';
import { DEFAULT_NOTIFICATIONS, notificationsSchema } from './notify-schema.ts';

/** The seed's API port, kept for the desktop app's API so existing scripts find it. */
export const DEFAULT_APP_API_PORT = 8080;

export const TradingMode = { simulation: 'simulation', paper: 'paper', live: 'live' } as const;
export type TradingMode = (typeof TradingMode)[keyof typeof TradingMode];

/**
 * The whole user configuration. Every object is strict: an unknown key is a typo the user should hear
 * about, not a setting silently ignored. Secrets (the OpenAlgo API key) are never stored here.
 */
export const configSchema = z
  .object({
    version: z.literal(1),
    mode: z.enum(['simulation', 'paper', 'live']),
    simulation: z
      .object({
        seed: z.number().int().min(0).max(2 ** 32 - 1),
        /** Simulated seconds per wall second. */
        speed: z.number().min(0.1).max(3600),
        /** Trading sessions of history generated before the live part starts. */
        warmupSessions: z.number().int().min(0).max(20),
      })
      .strict(),
    openalgo: z
      .object({
        baseUrl: z.url({ protocol: /^https?$/ }),
        wsUrl: z.url({ protocol: /^wss?$/ }),
        timeoutMs: z.number().int().min(500).max(60_000),
        /** Paper and live: each option chain is read from OpenAlgo's /optionchain this often (default 5000). */
        chainPollMs: z.number().int().min(1000).max(60_000).optional(),
        /** Paper and live: option legs near the money streamed on OpenAlgo's WebSocket between polls (default 500; 0: none). */
        chainStreamLegs: z.number().int().min(0).max(1000).optional(),
      })
      .strict(),
    server: z
      .object({
        host: z.string().min(1),
        port: z.number().int().min(0).max(65_535),
        /** Replaces the headless server's per-run access token; required to bind beyond loopback. */
        token: z
          .string()
          .regex(/^[A-Za-z0-9._~-]{32,256}$/, 'must be 32 to 256 letters, digits or ._~- (e.g. the output of `openssl rand -hex 32`)')
          .optional(),
        /** A host name the browser may use besides 127.0.0.1/localhost/[::1], e.g. the machine's LAN name. */
        allowedHost: z
          .string()
          .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?)*$/, 'must be a lowercase host name or IPv4 address, without port (e.g. terminal.lan)')
          .optional(),
      })
      .strict(),
    ui: z
      .object({
        chartInstrument: z.string().regex(/^[A-Z_]+:[A-Z0-9&_-]+$/, 'must be EXCHANGE:SYMBOL'),
      })
      .strict(),
    log: z.object({ level: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']) }).strict(),
    /** Risk limits (risk-schema.ts); a file written before they existed gets the defaults. */
    risk: riskConfigSchema.default(DEFAULT_RISK_CONFIG),
    /**
     * Where orders go. Absent: the mode's own broker (simulation and paper: the paper broker; live: OpenAlgo).
     * `openalgo-analyzer` is OpenAlgo's sandbox (paper mode only); `openalgo` sends real orders (live only).
     */
    execution: z
      .object({ broker: z.enum(['paper', 'openalgo-analyzer', 'openalgo']).optional() })
      .strict()
      .default({}),
    /** What the trader is told about, where (desktop, Telegram) and how often (notify-schema.ts). */
    notifications: notificationsSchema.default(DEFAULT_NOTIFICATIONS),
    /**
     * The desktop app's local REST API (the headless server always has it): off unless enabled, on
     * 127.0.0.1 only, behind the configured `server.token` (or TERMINAL_SERVER_TOKEN).
     */
    appApi: z
      .object({ enabled: z.boolean().default(false), port: z.number().int().min(1).max(65_535).default(DEFAULT_APP_API_PORT) })
      .strict()
      .default({ enabled: false, port: DEFAULT_APP_API_PORT }),
  })
  .strict();

export type Config = z.infer<typeof configSchema>;
