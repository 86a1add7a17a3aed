// SSM over AWS JSON 1.1: the operation comes from X-Amz-Target (`AmazonSSM.GetParameter`).
import { AwsError } from '../../errors.js';
import { jsonResponse } from '../../http/protocols.js';
import { header, type EmuRequest, type EmuResponse, type ServiceHandler } from '../../http/types.js';
import type { PutParameterInput, SsmStore, StoredParameter } from './store.js';

const CONTENT_TYPE = 'application/x-amz-json-1.1';

function parseBody(req: EmuRequest): Record<string, unknown> {
  if (req.body.length === 0) return {};
  try {
    return JSON.parse(req.body.toString('utf8')) as Record<string, unknown>;
  } catch {
    throw new AwsError('SerializationException', 'Request body is not valid JSON.');
  }
}

const shape = (p: StoredParameter & { outValue: string }, arnOf: (n: string) => string) => ({
  Name: p.name,
  Type: p.type,
  Value: p.outValue,
  Version: p.version,
  LastModifiedDate: p.lastModified.getTime() / 1000,
  ARN: arnOf(p.name),
  DataType: p.dataType,
});

export function ssmService(store: SsmStore): ServiceHandler {
  return {
    name: 'ssm',
    protocol: 'json',
    operation: (req) => (header(req, 'x-amz-target') ?? '').split('.').pop() || 'Unknown',
    resourcesOf: (req) => {
      const input = parseBody(req);
      const names =
        typeof input.Name === 'string' ? [input.Name] : ((input.Names as string[] | undefined) ?? []);
      return names.length ? names.map((n) => ({ arn: store.arnOf(n) })) : [{ arn: '*' }];
    },
    throttleError: () => new AwsError('ThrottlingException', 'Rate exceeded'),
    unknownOperation: (op) =>
      new AwsError('UnknownOperationException', `The local emulator does not implement SSM operation ${op}.`),
    async handle(req, operation): Promise<EmuResponse> {
      const input = parseBody(req);
      const ok = (body: unknown) => jsonResponse(200, body, req.requestId, CONTENT_TYPE);
      switch (operation) {
        case 'PutParameter': {
          const p = store.put(input as unknown as PutParameterInput);
          return ok({ Version: p.version, Tier: p.tier });
        }
        case 'GetParameter': {
          const p = store.get(String(input.Name ?? ''), input.WithDecryption === true);
          return ok({ Parameter: shape(p, (n) => store.arnOf(n)) });
        }
        case 'GetParameters': {
          const names = (input.Names as string[] | undefined) ?? [];
          const found: unknown[] = [];
          const invalid: string[] = [];
          for (const n of names) {
            if (store.has(n))
              found.push(shape(store.get(n, input.WithDecryption === true), (x) => store.arnOf(x)));
            else invalid.push(n);
          }
          return ok({ Parameters: found, InvalidParameters: invalid });
        }
        case 'DeleteParameter':
          store.delete(String(input.Name ?? ''));
          return ok({});
        default:
          throw this.unknownOperation(operation, req);
      }
    },
  };
}
