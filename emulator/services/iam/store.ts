// IAM roles created by CloudFormation (execution roles, SAM-generated operator roles).
// The emulator does not evaluate policies; it keeps roles so ARNs resolve and GetRole works.
// One rule of an account's deploy policy it can enforce: every role must carry a named
// permissions boundary (requiredPermissionsBoundary), as docs/iam's policies demand of the
// roles a stack creates; a role without it is refused with IAM's AccessDenied.
import { AwsError } from '../../errors.js';
import { ACCOUNT_ID, PARTITION, randomId } from '../../core/ids.js';

export interface Role {
  roleName: string;
  roleId: string;
  arn: string;
  path: string;
  assumeRolePolicyDocument: unknown;
  managedPolicyArns: string[];
  policies: { PolicyName: string; PolicyDocument: unknown }[];
  description?: string;
  /** The managed policy ARN that caps what the role may do. */
  permissionsBoundary?: string;
  tags: Record<string, string>;
  createDate: Date;
}

export interface RoleInput {
  RoleName: string;
  Path?: string;
  AssumeRolePolicyDocument: unknown;
  ManagedPolicyArns?: string[];
  Policies?: { PolicyName: string; PolicyDocument: unknown }[];
  Description?: string;
  PermissionsBoundary?: string;
  Tags?: Record<string, string>;
}

export interface IamOptions {
  /** When set, a role may only be created or updated with this permissions boundary. */
  requiredPermissionsBoundary?: string;
}

export class IamStore {
  readonly roles = new Map<string, Role>();

  constructor(private readonly options: IamOptions = {}) {}

  /** AccessDenied as IAM words it, when the account requires a boundary this role lacks. */
  private checkBoundary(action: string, roleName: string, boundary: string | undefined): void {
    const required = this.options.requiredPermissionsBoundary;
    if (required === undefined || boundary === required) return;
    throw new AwsError(
      'AccessDenied',
      `User: arn:${PARTITION}:iam::${ACCOUNT_ID}:user/local is not authorized to perform: iam:${action} on resource: ` +
        `arn:${PARTITION}:iam::${ACCOUNT_ID}:role/${roleName} because no identity-based policy allows the iam:${action} action ` +
        `(this local account requires the permissions boundary ${required}; the role has ${boundary ?? 'none'})`,
      403,
    );
  }

  createRole(input: RoleInput): Role {
    this.checkBoundary('CreateRole', input.RoleName, input.PermissionsBoundary);
    if (this.roles.has(input.RoleName)) {
      throw new AwsError('EntityAlreadyExists', `Role with name ${input.RoleName} already exists.`, 409);
    }
    if (!input.AssumeRolePolicyDocument) {
      throw new AwsError('ValidationError', 'AssumeRolePolicyDocument is required to create a role.');
    }
    const path = input.Path ?? '/';
    const role: Role = {
      roleName: input.RoleName,
      roleId: `AROA${randomId(17, 'upper')}`,
      arn: `arn:${PARTITION}:iam::${ACCOUNT_ID}:role${path}${input.RoleName}`,
      path,
      assumeRolePolicyDocument: input.AssumeRolePolicyDocument,
      managedPolicyArns: input.ManagedPolicyArns ?? [],
      policies: input.Policies ?? [],
      description: input.Description,
      permissionsBoundary: input.PermissionsBoundary,
      tags: input.Tags ?? {},
      createDate: new Date(),
    };
    this.roles.set(role.roleName, role);
    return role;
  }

  updateRole(name: string, input: Omit<RoleInput, 'RoleName' | 'Path'>): Role {
    const role = this.getRole(name);
    // CloudFormation puts (or deletes) the boundary along with the role's policies.
    this.checkBoundary(
      input.PermissionsBoundary === undefined
        ? 'DeleteRolePermissionsBoundary'
        : 'PutRolePermissionsBoundary',
      name,
      input.PermissionsBoundary,
    );
    role.assumeRolePolicyDocument = input.AssumeRolePolicyDocument;
    role.managedPolicyArns = input.ManagedPolicyArns ?? [];
    role.policies = input.Policies ?? [];
    role.description = input.Description;
    role.permissionsBoundary = input.PermissionsBoundary;
    role.tags = input.Tags ?? {};
    return role;
  }

  getRole(name: string): Role {
    const role = this.roles.get(name);
    if (!role) throw new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
    return role;
  }

  deleteRole(name: string): void {
    if (!this.roles.delete(name)) {
      throw new AwsError('NoSuchEntity', `The role with name ${name} cannot be found.`, 404);
    }
  }
}
