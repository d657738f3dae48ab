import { fork, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { err, ok, type Result } from '#core/result';
import { fromEngineSchema, type EngineSettings, type EngineStatus, type FromEngine, type ToEngine } from './protocol.ts';

const ENTRY = path.join(import.meta.dirname, 'engine-main.ts');
const STDERR_KEPT = 8000;

/**
 * The runner's handle on the engine process: start it on the run's SQLite file (again after a kill,
 * with a new session), talk to it, SIGKILL it. Each start is a new OS process, as a crash and a restart
 * of the terminal are.
 */
export class EngineProcess {
  private readonly settings: Omit<EngineSettings, 'session'>;
  private readonly sessionPrefix: string;
  private child: ChildProcess | undefined;
  private listeners = new Set<(m: FromEngine | { kind: 'exit' }) => void>();
  private stderr = '';
  starts = 0;
  kills = 0;
  /** Submissions the engine answered, by intent id: ok, or the error it gave. */
  readonly answers = new Map<string, string>();
  /** Messages that say the engine itself broke (not a refusal): the run reports them. */
  readonly failures: string[] = [];

  constructor(settings: Omit<EngineSettings, 'session'>, sessionPrefix: string) {
    this.settings = settings;
    this.sessionPrefix = sessionPrefix;
  }

  get alive(): boolean {
    return this.child !== undefined && this.child.exitCode === null && this.child.signalCode === null;
  }

  /**
   * Starts the process and waits for it to resume and be quoted; the number of open findings it found.
   * `killed`: the runner SIGKILLed it while it was starting (a crash during resume), so start it again.
   */
  async start(timeoutMs = 30_000): Promise<Result<number, { readonly killed: boolean; readonly message: string }>> {
    this.starts++;
    const killsBefore = this.kills;
    const settings: EngineSettings = { ...this.settings, session: `${this.sessionPrefix}p${this.starts}` };
    const child = fork(ENTRY, [JSON.stringify(settings)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--disable-warning=ExperimentalWarning'] });
    this.child = child;
    child.stderr?.on('data', (b: Buffer) => {
      this.stderr = (this.stderr + b.toString('utf8')).slice(-STDERR_KEPT);
    });
    child.on('message', (raw: unknown) => {
      const m = fromEngineSchema.safeParse(raw);
      const msg: FromEngine = m.success ? m.data : { kind: 'failed', message: `unreadable message from the engine: ${JSON.stringify(raw).slice(0, 200)}` };
      if (msg.kind === 'submitted') this.answers.set(msg.intentId, msg.ok ? 'ok' : (msg.error ?? 'refused'));
      if (msg.kind === 'failed') this.failures.push(msg.message);
      for (const l of [...this.listeners]) l(msg);
    });
    // A send racing the process's death fails here; its exit (or the next status) tells the runner.
    child.on('error', () => {});
    child.on('exit', () => {
      for (const l of [...this.listeners]) l({ kind: 'exit' });
    });
    const first = await this.next((m) => m.kind === 'ready' || m.kind === 'failed' || m.kind === 'exit', timeoutMs);
    if (first?.kind === 'ready') return ok(first.findings);
    if (first?.kind === 'exit' && this.kills > killsBefore) return err({ killed: true, message: 'killed while starting' });
    this.kill();
    const why = first === undefined ? `did not start within ${timeoutMs / 1000} s` : first.kind === 'failed' ? first.message : 'exited while starting';
    return err({ killed: false, message: `engine process ${why}${this.stderr ? `; stderr: ${this.stderr.trim().slice(-1500)}` : ''}` });
  }

  /** Sent only while the channel is open: a killed process may still count as alive for a moment. */
  send(msg: ToEngine): void {
    if (this.alive && this.child!.connected) this.child!.send(msg, () => {});
  }

  /** The engine's state now, or undefined when it is not running (killed, or died). */
  async status(timeoutMs = 5000): Promise<EngineStatus | undefined> {
    if (!this.alive) return undefined;
    const reply = this.next((m) => m.kind === 'status' || m.kind === 'exit', timeoutMs);
    this.send({ kind: 'status' });
    const m = await reply;
    return m?.kind === 'status' ? m.status : undefined;
  }

  /** Runs reconciliation in the engine now; the number of its findings open after it, or why it could not. */
  async reconcile(timeoutMs = 15_000): Promise<Result<number, string>> {
    if (!this.alive) return err('the engine is not running');
    const reply = this.next((m) => m.kind === 'reconciled' || m.kind === 'exit', timeoutMs);
    this.send({ kind: 'reconcile' });
    const m = await reply;
    if (m?.kind !== 'reconciled') return err(m === undefined ? `no answer within ${timeoutMs / 1000} s` : 'the engine exited');
    return m.ok ? ok(m.open) : err(m.error ?? 'failed');
  }

  kill(): void {
    if (!this.alive) return;
    this.kills++;
    this.child!.kill('SIGKILL');
  }

  /** Stops it the way the terminal stops (store closed); SIGKILL if it does not go within the time. */
  async stop(timeoutMs = 10_000): Promise<void> {
    if (!this.alive) return;
    const gone = this.next((m) => m.kind === 'exit', timeoutMs);
    this.send({ kind: 'stop' });
    if ((await gone) === undefined) this.child?.kill('SIGKILL');
  }

  /** Waits until the process has exited (after a kill). */
  async exited(timeoutMs = 5000): Promise<void> {
    if (!this.child || this.child.exitCode !== null || this.child.signalCode !== null) return;
    await this.next((m) => m.kind === 'exit', timeoutMs);
  }

  stderrTail(): string {
    return this.stderr;
  }

  private next(pick: (m: FromEngine | { kind: 'exit' }) => boolean, timeoutMs: number): Promise<(FromEngine | { kind: 'exit' }) | undefined> {
    return new Promise((resolve) => {
      const timer = setTimeout(() => done(undefined), timeoutMs);
      const listener = (m: FromEngine | { kind: 'exit' }): void => {
        if (pick(m)) done(m);
      };
      const done = (m: (FromEngine | { kind: 'exit' }) | undefined): void => {
        clearTimeout(timer);
        this.listeners.delete(listener);
        resolve(m);
      };
      this.listeners.add(listener);
    });
  }
}
