// Capacity providers: the VPC, instance and scaling settings LMI versions run on.
import { conflict, invalidParameter, notFound, validation } from './errors.js';
import type { CapacityProviderRecord } from './model.js';
import { capacityProviderArn } from './names.js';
import type { LambdaStore } from './store.js';

export interface CapacityProviderInput {
  CapacityProviderName?: string;
  VpcConfig?: { SubnetIds?: string[]; SecurityGroupIds?: string[] };
  PermissionsConfig?: { CapacityProviderOperatorRoleArn?: string };
  InstanceRequirements?: CapacityProviderRecord['instanceRequirements'];
  CapacityProviderScalingConfig?: CapacityProviderRecord['scalingConfig'];
  KmsKeyArn?: string;
  Tags?: Record<string, string>;
}

const ROLE = /^arn:(aws[a-zA-Z-]*)?:iam::\d{12}:role\/?[a-zA-Z_0-9+=,.@\-_/]+$/;

function validateScaling(
  cfg: CapacityProviderRecord['scalingConfig'],
): CapacityProviderRecord['scalingConfig'] {
  if (!cfg) return { ScalingMode: 'Auto' };
  const mode = cfg.ScalingMode ?? 'Auto';
  if (mode !== 'Auto' && mode !== 'Manual') {
    throw validation(
      `1 validation error detected: Value '${mode}' at 'capacityProviderScalingConfig.scalingMode' failed to satisfy constraint: Member must satisfy enum value set: [Auto, Manual]`,
    );
  }
  if (mode === 'Auto' && cfg.ScalingPolicies?.length) {
    throw invalidParameter("A scaling policy can't be specified when the scalingMode is set to Auto");
  }
  if (mode === 'Manual' && !cfg.ScalingPolicies?.length) {
    throw invalidParameter('At least one scaling policy is required when the scalingMode is set to Manual');
  }
  if (
    cfg.MaxVCpuCount !== undefined &&
    (!Number.isInteger(Number(cfg.MaxVCpuCount)) || Number(cfg.MaxVCpuCount) < 2)
  ) {
    throw validation(
      `1 validation error detected: Value '${String(cfg.MaxVCpuCount)}' at 'capacityProviderScalingConfig.maxVCpuCount' failed to satisfy constraint: Member must have value greater than or equal to 2`,
    );
  }
  return {
    ...cfg,
    ScalingMode: mode,
    MaxVCpuCount: cfg.MaxVCpuCount === undefined ? undefined : Number(cfg.MaxVCpuCount),
  };
}

export function getCapacityProvider(store: LambdaStore, name: string): CapacityProviderRecord {
  const byName = store.capacityProviders.get(name);
  const cp = byName ?? [...store.capacityProviders.values()].find((c) => c.arn === name);
  if (!cp) throw notFound(`Capacity provider not found: ${capacityProviderArn(store.region, name)}`);
  return cp;
}

export function createCapacityProvider(
  store: LambdaStore,
  input: CapacityProviderInput,
): CapacityProviderRecord {
  const name = input.CapacityProviderName ?? '';
  if (!/^[a-zA-Z0-9-_]{1,140}$/.test(name)) {
    throw validation(
      `1 validation error detected: Value '${name}' at 'capacityProviderName' failed to satisfy constraint: Member must satisfy regular expression pattern: [a-zA-Z0-9-_]+`,
    );
  }
  if (store.capacityProviders.has(name)) throw conflict(`Capacity provider already exists: ${name}`);
  const subnets = input.VpcConfig?.SubnetIds ?? [];
  if (!subnets.length) {
    throw validation(
      "1 validation error detected: Value null at 'vpcConfig.subnetIds' failed to satisfy constraint: Member must not be null",
    );
  }
  for (const s of subnets)
    if (!/^subnet-[0-9a-z]+$/.test(s)) throw invalidParameter(`The subnet ID '${s}' is not valid.`);
  const groups = input.VpcConfig?.SecurityGroupIds ?? [];
  for (const g of groups)
    if (!/^sg-[0-9a-z]+$/.test(g)) throw invalidParameter(`The security group ID '${g}' is not valid.`);
  const role = input.PermissionsConfig?.CapacityProviderOperatorRoleArn ?? '';
  if (!ROLE.test(role)) {
    throw validation(
      `1 validation error detected: Value '${role}' at 'permissionsConfig.capacityProviderOperatorRoleArn' failed to satisfy constraint: Member must satisfy regular expression pattern: arn:(aws[a-zA-Z-]*)?:iam::\\d{12}:role/?[a-zA-Z_0-9+=,.@\\-_/]+`,
    );
  }
  const arch = input.InstanceRequirements?.Architectures;
  if (arch?.some((a) => a !== 'x86_64' && a !== 'arm64')) {
    throw validation(
      `Value '[${arch.join(', ')}]' at 'instanceRequirements.architectures' failed to satisfy constraint: [Member must satisfy enum value set: [x86_64, arm64]]`,
    );
  }
  const cp: CapacityProviderRecord = {
    name,
    arn: capacityProviderArn(store.region, name),
    state: 'Pending',
    vpcConfig: { SubnetIds: subnets, SecurityGroupIds: groups },
    permissionsConfig: { CapacityProviderOperatorRoleArn: role },
    instanceRequirements: input.InstanceRequirements ?? { Architectures: ['x86_64'] },
    scalingConfig: validateScaling(input.CapacityProviderScalingConfig),
    kmsKeyArn: input.KmsKeyArn,
    lastModified: new Date(),
    tags: input.Tags ?? {},
  };
  store.capacityProviders.set(name, cp);
  store.timers.after(store.options.capacityProviderReadyMs, () => {
    if (cp.state === 'Pending') cp.state = 'Active';
  });
  return cp;
}

export function updateCapacityProvider(
  store: LambdaStore,
  name: string,
  input: { CapacityProviderScalingConfig?: CapacityProviderRecord['scalingConfig'] },
): CapacityProviderRecord {
  const cp = getCapacityProvider(store, name);
  if (input.CapacityProviderScalingConfig)
    cp.scalingConfig = validateScaling(input.CapacityProviderScalingConfig);
  cp.lastModified = new Date();
  return cp;
}

export function deleteCapacityProvider(store: LambdaStore, name: string): CapacityProviderRecord {
  const cp = getCapacityProvider(store, name);
  const attached = [...store.functions.values()].filter(
    (fn) => fn.latest.config.lmi?.capacityProviderArn === cp.arn,
  );
  if (attached.length) {
    throw conflict(
      `The capacity provider ${cp.name} can't be deleted because functions are attached to it: [${attached.map((f) => f.name).join(', ')}]. Delete the functions and their versions first.`,
    );
  }
  cp.state = 'Deleting';
  store.timers.after(0, () => store.capacityProviders.delete(cp.name));
  return cp;
}
