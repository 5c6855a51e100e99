/**
 * Listening and closing for every local-mode server, so each one frees its port the same way: a port already taken is
 * a named error that says which port, and close() ends idle, busy and deliberately hung connections at once instead
 * of waiting for keep-alive sockets to time out.
 */
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** Where a local server listens; port 0 asks the operating system for a free port. */
export interface ListenOptions {
  readonly host?: string;
  readonly port?: number;
}

/** A server could not start because another process or server already holds its port. */
export class PortInUseError extends Error {
  override readonly name = 'PortInUseError';

  constructor(
    readonly server: string,
    readonly host: string,
    readonly port: number,
    options?: ErrorOptions,
  ) {
    super(`${server} cannot listen on ${host}:${port}: port ${port} is already in use`, options);
  }
}

/** Structural rather than `instanceof Error`: errors from Node's core may come from another realm (a test sandbox). */
const errorCode = (error: unknown): unknown =>
  typeof error === 'object' && error !== null ? (error as NodeJS.ErrnoException).code : undefined;

/** Starts listening on the loopback interface and resolves with the base URL, e.g. `http://127.0.0.1:49152`. */
export const listenOnLoopback = (server: Server, label: string, options: ListenOptions = {}): Promise<string> => {
  const host = options.host ?? '127.0.0.1';
  const port = options.port ?? 0;
  return new Promise((resolve, reject) => {
    const onError = (error: unknown): void => {
      server.off('listening', onListening);
      if (errorCode(error) === 'EADDRINUSE') {
        reject(new PortInUseError(label, host, port, { cause: error }));
      } else {
        reject(error);
      }
    };
    const onListening = (): void => {
      server.off('error', onError);
      const address = server.address() as AddressInfo;
      const hostInUrl = address.family === 'IPv6' ? `[${address.address}]` : address.address;
      resolve(`http://${hostInUrl}:${address.port}`);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
};

/** Stops accepting connections and destroys the open ones, resolving once the port is free. */
export const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve, reject) => {
    if (!server.listening) {
      resolve();
      return;
    }
    server.close((error) => (error ? reject(error) : resolve()));
    server.closeAllConnections();
  });
