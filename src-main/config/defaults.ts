import { DEFAULT_RISK_CONFIG } from './risk-schema.ts';
import { DEFAULT_NOTIFICATIONS } from './notify-schema.ts';
import { DEFAULT_APP_API_PORT, type Config } from './schema.ts';

/** The configuration a new user starts with: simulation, so the terminal lives without any broker. */
export const DEFAULT_CONFIG: Config = {
  version: 1,
  mode: 'simulation',
  simulation: { seed: 20_261_124, speed: 1, warmupSessions: 20 },
  openalgo: { baseUrl: 'http://127.0.0.1:5000', wsUrl: 'ws://127.0.0.1:8765', timeoutMs: 10_000 },
  server: { host: '127.0.0.1', port: 7300 },
  ui: { chartInstrument: 'NSE_INDEX:NIFTY' },
  log: { level: 'info' },
  risk: DEFAULT_RISK_CONFIG,
  execution: {},
  notifications: DEFAULT_NOTIFICATIONS,
  appApi: { enabled: false, port: DEFAULT_APP_API_PORT },
};
