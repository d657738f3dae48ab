import { fork, type ChildProcess } from 'node:child_process';

/**
 * A simulated trading day in its own process, for the restart tests: killed with SIGKILL as a crash would
 * kill it, then started again on the same data folder. Messages from the child arrive in order; a child that
 * exits while a message is awaited rejects with the tail of its stderr.
 */
export interface ForkedDay<M> {
  readonly child: ChildProcess;
  next(): Promise<M>;
}

/** The forked days of one test file: `stopAll` (in `afterEach`) kills whatever is still running. */
export function forkedDays(entry: string, what: string) {
  let children: ChildProcess[] = [];
  return {
    start<M>(settings: object): ForkedDay<M> {
      const child = fork(entry, [JSON.stringify(settings)], { stdio: ['ignore', 'ignore', 'pipe', 'ipc'], execArgv: ['--disable-warning=ExperimentalWarning'] });
      children.push(child);
      let stderr = '';
      child.stderr?.on('data', (b: Buffer) => (stderr += b.toString('utf8')));
      const queue: M[] = [];
      const waiting: ((m: M) => void)[] = [];
      child.on('message', (m) => {
        const w = waiting.shift();
        if (w) w(m as M);
        else queue.push(m as M);
      });
      const next = (): Promise<M> =>
        queue.length > 0
          ? Promise.resolve(queue.shift()!)
          : new Promise((resolve, reject) => {
              waiting.push(resolve);
              child.once('exit', (code, signal) => reject(new Error(`${what} process exited (${code ?? signal}) ${stderr.slice(-2000)}`)));
            });
      return { child, next };
    },
    stopAll(): void {
      for (const c of children) if (c.exitCode === null && c.signalCode === null) c.kill('SIGKILL');
      children = [];
    },
  };
}

/** Resolves once the process has exited (at once if it already has). */
export const exited = (c: ChildProcess): Promise<void> => new Promise((resolve) => (c.exitCode !== null || c.signalCode !== null ? resolve() : c.once('exit', () => resolve())));
