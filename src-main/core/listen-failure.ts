/**
 * What to tell the user when a server cannot listen, or undefined for an error that is not about the
 * address (those are bugs and reach the crash handler). `option` is the flag that picks this port:
 * `--port` for the terminal, `--port` or `--ws-port` for the simulator.
 */
export function listenFailure(e: unknown, address: { host: string; port: number; option: string }): { what: string; fix: string } | undefined {
  const { host, port, option } = address;
  switch ((e as NodeJS.ErrnoException | undefined)?.code) {
    case 'EADDRINUSE':
      return {
        what: `port ${port} on ${host} is already in use (another terminal or program is listening there)`,
        fix: `stop that program, or choose another port with ${option} ${port === 65_535 ? port - 1 : port + 1} (${option} 0 picks a free one)`,
      };
    case 'EACCES':
      return { what: `not allowed to listen on port ${port} of ${host}`, fix: `ports below 1024 need administrator rights: choose ${option} 1024 or above` };
    case 'EADDRNOTAVAIL':
    case 'ENOTFOUND':
    case 'EAI_AGAIN':
      return { what: `cannot listen on ${host}: it is not an address of this machine`, fix: 'use 127.0.0.1 (this machine only) or one of this machine\'s addresses with --host' };
    default:
      return undefined;
  }
}
