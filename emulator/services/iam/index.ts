// IAM over the query protocol. Only GetRole is served; CloudFormation creates roles through
// the store directly, as it would through IAM's API.
import { AwsError } from '../../errors.js';
import { queryResponse } from '../../http/protocols.js';
import { parseQueryParams } from '../../http/query.js';
import type { ServiceHandler } from '../../http/types.js';
import type { IamStore } from './store.js';

const actionOf = (body: Buffer, query: URLSearchParams): string =>
  new URLSearchParams(body.toString('utf8')).get('Action') ?? query.get('Action') ?? 'Unknown';

export function iamService(store: IamStore): ServiceHandler {
  return {
    name: 'iam',
    protocol: 'query',
    operation: (req) => actionOf(req.body, req.query),
    throttleError: () => new AwsError('Throttling', 'Rate exceeded'),
    unknownOperation: (op) =>
      new AwsError(
        'InvalidAction',
        `Could not find operation ${op} for version 2010-05-08 in the local emulator.`,
      ),
    async handle(req, operation) {
      const input = parseQueryParams(new URLSearchParams(req.body.toString('utf8')));
      if (operation === 'GetRole') {
        const role = store.getRole(String(input.RoleName ?? ''));
        return queryResponse(
          'iam',
          operation,
          {
            Role: {
              Path: role.path,
              RoleName: role.roleName,
              RoleId: role.roleId,
              Arn: role.arn,
              CreateDate: role.createDate,
              AssumeRolePolicyDocument: encodeURIComponent(JSON.stringify(role.assumeRolePolicyDocument)),
              Description: role.description,
              ...(role.permissionsBoundary
                ? {
                    PermissionsBoundary: {
                      PermissionsBoundaryType: 'Policy',
                      PermissionsBoundaryArn: role.permissionsBoundary,
                    },
                  }
                : {}),
            },
          },
          req.requestId,
        );
      }
      throw this.unknownOperation(operation, req);
    },
  };
}
