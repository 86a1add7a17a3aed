// IAM roles created by CloudFormation (execution roles, SAM-generated operator roles).
// The emulator does not evaluate policies; it keeps roles so ARNs resolve and GetRole works.
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
  createDate: Date;
}

export interface RoleInput {
  RoleName: string;
  Path?: string;
  AssumeRolePolicyDocument: unknown;
  ManagedPolicyArns?: string[];
  Policies?: { PolicyName: string; PolicyDocument: unknown }[];
  Description?: string;
}

export class IamStore {
  readonly roles = new Map<string, Role>();

  createRole(input: RoleInput): Role {
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
      createDate: new Date(),
    };
    this.roles.set(role.roleName, role);
    return role;
  }

  updateRole(name: string, input: Omit<RoleInput, 'RoleName' | 'Path'>): Role {
    const role = this.getRole(name);
    role.assumeRolePolicyDocument = input.AssumeRolePolicyDocument;
    role.managedPolicyArns = input.ManagedPolicyArns ?? [];
    role.policies = input.Policies ?? [];
    role.description = input.Description;
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
