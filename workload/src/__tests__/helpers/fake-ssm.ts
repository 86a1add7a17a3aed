// A loopback stand-in for SSM's JSON protocol that answers GetParameter for one SecureString,
// so an unmodified SDK (pointed at it with AWS_ENDPOINT_URL_SSM) can read the signing secret.
// Other paths can be served too, for example a fake enrichment service.
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeSsm {
  endpoint: string;
  getParameterCalls: number;
  close(): Promise<void>;
}

type Route = (req: IncomingMessage, res: ServerResponse, body: string) => void;

export async function startFakeSsm(
  parameter: { name: string; value: string },
  routes: Record<string, Route> = {},
): Promise<FakeSsm> {
  const state = { getParameterCalls: 0 };
  const server = createServer((req, res) => {
    let body = '';
    req.on('data', (chunk) => (body += chunk));
    req.on('end', () => {
      const route = routes[req.url ?? ''];
      if (route) return route(req, res, body);
      const target = String(req.headers['x-amz-target']);
      const input = JSON.parse(body || '{}') as { Name?: string; WithDecryption?: boolean };
      res.setHeader('content-type', 'application/x-amz-json-1.1');
      if (target !== 'AmazonSSM.GetParameter' || input.WithDecryption !== true) {
        res
          .writeHead(400)
          .end(JSON.stringify({ __type: 'ValidationException', message: `unexpected ${target}` }));
      } else if (input.Name !== parameter.name) {
        res.writeHead(400).end(JSON.stringify({ __type: 'ParameterNotFound', message: String(input.Name) }));
      } else {
        state.getParameterCalls++;
        const Parameter = { Name: input.Name, Type: 'SecureString', Value: parameter.value, Version: 1 };
        res.writeHead(200).end(JSON.stringify({ Parameter }));
      }
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    endpoint: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    get getParameterCalls() {
      return state.getParameterCalls;
    },
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
