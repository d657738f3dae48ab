// The layering table of architecture.md as rules: each module lists the project modules it may import.
// A module not listed here may import nothing in src-main until it is added, on purpose.
const MAY_IMPORT = {
  core: [],
  model: ['core'],
  calendar: ['core', 'model'],
  config: ['core', 'model'],
  store: ['core', 'model', 'config'],
  openalgo: ['core', 'model'],
  options: ['core', 'model', 'calendar'],
  market: ['core', 'model', 'calendar'],
  // calendar: when a bar ends (a daily bar is its session, whose close depends on date and segment).
  indicators: ['core', 'model', 'calendar'],
  ml: ['core', 'model', 'market', 'indicators'],
  risk: ['core', 'model', 'config', 'options', 'calendar'],
  execution: ['core', 'model', 'store', 'openalgo', 'market', 'risk', 'options', 'calendar'],
  bots: ['core', 'model', 'market', 'indicators', 'options', 'ml', 'calendar'],
  engine: ['core', 'model', 'calendar', 'config', 'store', 'openalgo', 'market', 'indicators', 'options', 'ml', 'risk', 'execution', 'bots'],
  backtest: ['core', 'model', 'calendar', 'config', 'store', 'openalgo', 'market', 'indicators', 'options', 'ml', 'risk', 'execution', 'bots', 'engine'],
  // The optimiser searches a bot's parameter schema (bots, engine's definitions) with backtests as its objective.
  optimiser: ['core', 'model', 'calendar', 'config', 'store', 'options', 'bots', 'engine', 'backtest'],
  // The job queue: optimiser trials as BullMQ jobs over Redis.
  jobs: ['core', 'store', 'optimiser'],
  // backtest: the backtest service's commands (bridge/backtest-router.ts); backtest sits beside bridge, below the shells.
  bridge: ['core', 'model', 'engine', 'backtest'],
  'openalgo-sim': ['core', 'model', 'calendar', 'market', 'openalgo', 'options'],
  // metrics: Prometheus collectors fed by the engine's events, the enum values of the states they report.
  metrics: ['core', 'model', 'calendar', 'market', 'risk', 'bots', 'engine'],
  // notify: rules, rate limits and sinks (Telegram) for what the trader should hear about.
  notify: ['core', 'model', 'config', 'calendar', 'market', 'risk', 'engine'],
  // server, metrics: the app serves the same REST API and /metrics as the headless server when the user enables it (electron/app-api.ts).
  electron: ['core', 'config', 'engine', 'bridge', 'backtest', 'notify', 'server', 'metrics'],
  server: ['core', 'config', 'engine', 'bridge', 'backtest', 'metrics', 'notify'],
  // ml: `npm run train` and `train:default` join the trainer (ml) with the bars and the registry (store).
  cli: ['core', 'model', 'config', 'engine', 'bridge', 'backtest', 'openalgo-sim', 'openalgo', 'market', 'store', 'ml', 'optimiser', 'jobs'],
  bench: ['core'],
  // The soak (`npm run soak`) is a test tool: it runs the simulator, the order path and the engine's risk adapters together.
  soak: ['core', 'model', 'calendar', 'config', 'store', 'openalgo', 'market', 'options', 'risk', 'execution', 'engine', 'openalgo-sim'],
};

/** Adapters that may reach one layer further than their module (architecture.md: market's OpenAlgo feed). */
const ADAPTERS = { 'market/feeds/openalgo': ['openalgo'] };
/** Tests may also start the OpenAlgo simulator: it is the fake OpenAlgo every integration test talks to. */
const TEST_ONLY = ['openalgo-sim'];
const TEST = '\\.test\\.ts$';

const rule = (name, from, allowed) => ({
  name,
  comment: `may import only: ${allowed.join(', ')}`,
  severity: 'error',
  from,
  to: { path: '^src-main/', pathNot: [`^src-main/(${allowed.join('|')})/`] },
});
const adapterPaths = Object.keys(ADAPTERS).map((a) => `^src-main/${a}/`);
const layerRules = Object.entries(MAY_IMPORT).flatMap(([mod, allowed]) => [
  rule(`layer-${mod}`, { path: `^src-main/${mod}/`, pathNot: [TEST, ...adapterPaths] }, [mod, ...allowed]),
  rule(`layer-${mod}-tests`, { path: `^src-main/${mod}/.*${TEST}`, pathNot: adapterPaths }, [mod, ...allowed, ...TEST_ONLY]),
]);
const adapterRules = Object.entries(ADAPTERS).map(([adapter, extra]) => {
  const mod = adapter.split('/')[0];
  const allowed = [mod, ...MAY_IMPORT[mod], ...extra];
  return [
    rule(`adapter-${adapter}`, { path: `^src-main/${adapter}/`, pathNot: TEST }, allowed),
    rule(`adapter-${adapter}-tests`, { path: `^src-main/${adapter}/.*${TEST}` }, [...allowed, ...TEST_ONLY]),
  ];
}).flat();

module.exports = {
  forbidden: [
    ...layerRules,
    ...adapterRules,
    {
      name: 'unlisted-module',
      comment: 'every src-main module must appear in the layering table',
      severity: 'error',
      from: { path: '^src-main/', pathNot: [`^src-main/(${Object.keys(MAY_IMPORT).join('|')})/`] },
      to: { path: '^src-main/' },
    },
    { name: 'contract-is-a-leaf', severity: 'error', from: { path: '^src-preload/contract/' }, to: { path: '^(src-main|src-preload/(client|electron)|src-renderer)/' } },
    { name: 'client-only-contract', severity: 'error', from: { path: '^src-preload/client/' }, to: { path: '^(src-main|src-preload/electron|src-renderer)/' } },
    { name: 'preload-only-contract', severity: 'error', from: { path: '^src-preload/electron/' }, to: { path: '^(src-main|src-preload/client|src-renderer)/' } },
    { name: 'renderer-never-main', severity: 'error', from: { path: '^src-renderer/' }, to: { path: '^(src-main|src-preload/electron)/' } },
    {
      name: 'renderer-components-are-leaves',
      comment: 'components are props in, JSX out: they import lib only',
      severity: 'error',
      from: { path: '^src-renderer/components/' },
      to: { path: '^src-renderer/', pathNot: '^src-renderer/(components|lib)/' },
    },
    {
      name: 'renderer-stores-below-features',
      severity: 'error',
      from: { path: '^src-renderer/(stores|charts|lib|bridge)/' },
      to: { path: '^src-renderer/features/' },
    },
    {
      name: 'electron-only-in-shell',
      comment: 'electron only in src-main/electron and src-preload/electron',
      severity: 'error',
      from: { pathNot: '^(src-main/electron|src-preload/electron)/' },
      to: { path: '^electron$|node_modules/electron/' },
    },
    {
      name: 'http-library-only-in-server',
      severity: 'error',
      from: { pathNot: '^src-main/server/' },
      to: { path: 'node_modules/(fastify|@fastify)/' },
    },
    {
      name: 'simulator-is-not-the-client',
      comment: 'the OpenAlgo simulator validates and answers from OpenAlgo’s own schemas, never the client’s (only its tests read the client)',
      severity: 'error',
      from: { path: '^src-main/openalgo-sim/', pathNot: TEST },
      to: { path: '^src-main/openalgo/(wire/|endpoints|parse-response|client|ws-client)' },
    },
    { name: 'no-circular', severity: 'error', from: {}, to: { circular: true } },
    { name: 'no-shared-folder', comment: 'a user clone has no ../shared', severity: 'error', from: {}, to: { path: '(^|/)shared/(design|data|reference)/' } },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '^(out|node_modules|data)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.node.json' },
    enhancedResolveOptions: { exportsFields: ['exports'], conditionNames: ['import', 'require', 'node', 'default', 'types'], extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};
