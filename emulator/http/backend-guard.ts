// dynalite and s3rver listen on their own random loopback ports and would answer anyone who
// finds the port: a web page scanning ports by DNS rebinding, another local user. Only the
// emulator's own proxy may reach them: it sends a token made fresh in this process, and the
// backends answer anything else with 403 before their own handlers run.
import { randomBytes, timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import { refuseForeignRequest } from './guard.js';

const BACKEND_TOKEN_HEADER = 'x-lmi-backend-token';
const TOKEN = randomBytes(32).toString('hex');

/** The header the proxy adds to every request it forwards to a backend. */
export const backendTokenHeader = (): Record<string, string> => ({ [BACKEND_TOKEN_HEADER]: TOKEN });

function hasToken(req: http.IncomingMessage): boolean {
  const given = req.headers[BACKEND_TOKEN_HEADER];
  return (
    typeof given === 'string' &&
    given.length === TOKEN.length &&
    timingSafeEqual(Buffer.from(given), Buffer.from(TOKEN))
  );
}

/** Answers 403 and returns true when the request did not come from the emulator's proxy. */
function refuseUnlessFromProxy(req: http.IncomingMessage, res: http.ServerResponse): boolean {
  const foreign = refuseForeignRequest(req);
  if (!foreign && hasToken(req)) return false;
  req.resume(); // the body is discarded, not read into memory
  res.writeHead(403, { 'content-type': 'application/json', connection: 'close' });
  res.end(
    JSON.stringify({
      message:
        'This backend of the local cloud answers only the local cloud itself; send requests to its main port.',
    }),
  );
  return true;
}

/**
 * Puts the proxy check in front of every 'request' listener the backend's server has, so it
 * runs before dynalite's or s3rver's own code.
 */
export function guardBackendServer(server: http.Server): void {
  const handlers = server.listeners('request') as Array<
    (req: http.IncomingMessage, res: http.ServerResponse) => void
  >;
  server.removeAllListeners('request');
  server.on('request', (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (refuseUnlessFromProxy(req, res)) return;
    for (const handle of handlers) handle.call(server, req, res);
  });
}
