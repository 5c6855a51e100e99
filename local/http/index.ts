/** HTTP plumbing shared by every local server: loopback listening with a clear port-in-use error, body reading. */
export { closeServer, listenOnLoopback, PortInUseError, type ListenOptions } from './loopback-server';
export { parseJsonBody, readRequestBody } from './request-body';
