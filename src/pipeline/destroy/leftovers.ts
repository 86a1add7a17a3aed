// After DELETE_COMPLETE, what is really left: every function and capacity provider of the stack
// is looked up again and must be gone (with a function go all its versions, the ones SAM retained
// and the ones earlier deploys left outside the stack). A function the template itself retains
// survives with its versions: its LMI versions are deleted here (each holds instances), the
// function is left to its owner. What the stack never owned — the functions' log groups, which
// Lambda creates on first invocation — is named with the command that deletes it.
import { deleteFunctionVersion, getCapacityProvider, listFunctionVersions } from '../../aws/lambda.js';
import { errorMessage, isNotFoundError } from '../../core/aws-errors.js';
import { shellQuote } from '../../core/format.js';
import type { PipelineContext } from '../context.js';
import { DESTROY_MESSAGES } from './messages.js';
import type { StackFunction, StackInventory } from './stack-inventory.js';

interface LeftInPlace {
  readonly what: string;
  readonly why: string;
  /** The command that removes it, when its owner wants it gone. */
  readonly command?: string;
}

export interface Leftovers {
  /** Functions (with their versions) and capacity providers looked up again and not found. */
  readonly gone: readonly string[];
  /** `function:version` of LMI versions of a retained function, deleted after the stack. */
  readonly deletedVersions: readonly string[];
  readonly leftInPlace: readonly LeftInPlace[];
  /** What should be gone and is not: the deletion did not do what it said. */
  readonly unexpected: readonly string[];
}

export async function checkLeftovers(ctx: PipelineContext, inventory: StackInventory): Promise<Leftovers> {
  const out = {
    gone: [] as string[],
    deletedVersions: [] as string[],
    leftInPlace: [] as LeftInPlace[],
    unexpected: [] as string[],
  };
  for (const fn of inventory.functions) await checkFunction(ctx, fn, out);
  for (const cp of inventory.capacityProviders) {
    try {
      await getCapacityProvider(ctx.aws.lambda, cp.name);
      if (cp.retained)
        out.leftInPlace.push({ what: `capacity provider ${cp.name}`, why: 'DeletionPolicy: Retain' });
      else out.unexpected.push(`capacity provider ${cp.name} still exists`);
    } catch (e) {
      if (!isNotFoundError(e)) throw e;
      out.gone.push(`capacity provider ${cp.name}`);
      ctx.progress.emit(DESTROY_MESSAGES.gone, `Gone: capacity provider ${cp.name} (its instances with it).`);
    }
  }
  for (const r of inventory.resources) {
    if (r.type === 'AWS::Lambda::Function' || r.type === 'AWS::Lambda::CapacityProvider') continue;
    const what = `${r.type} ${r.physicalId ?? r.logicalId} (${r.logicalId})`;
    if (r.fate.kind === 'retained') out.leftInPlace.push({ what, why: `DeletionPolicy: ${r.fate.policy}` });
    if (r.fate.kind === 'snapshot')
      out.leftInPlace.push({ what: `a snapshot of ${what}`, why: 'DeletionPolicy: Snapshot' });
  }
  for (const fn of inventory.functions) {
    const group = `/aws/lambda/${fn.name}`;
    out.leftInPlace.push({
      what: `log group ${group} (if the function ever ran)`,
      why: 'Lambda creates it on first invocation; the stack never owned it',
      command: `aws logs delete-log-group --log-group-name ${shellQuote(group)}`,
    });
  }
  for (const l of out.leftInPlace) {
    ctx.progress.emit(
      DESTROY_MESSAGES.leftInPlace,
      `Left in place: ${l.what}: ${l.why}${l.command ? `. To delete it: ${l.command}` : ''}.`,
    );
  }
  return out;
}

async function checkFunction(
  ctx: PipelineContext,
  fn: StackFunction,
  out: { gone: string[]; deletedVersions: string[]; leftInPlace: LeftInPlace[]; unexpected: string[] },
): Promise<void> {
  let versions: string[];
  try {
    versions = (await listFunctionVersions(ctx.aws.lambda, fn.name))
      .map((v) => v.Version ?? '')
      .filter((v) => /^\d+$/.test(v));
  } catch (e) {
    if (!isNotFoundError(e)) throw e;
    out.gone.push(`function ${fn.name}`);
    const known = fn.versions.map((v) => v.version);
    ctx.progress.emit(
      DESTROY_MESSAGES.gone,
      `Gone: ${fn.lmi ? 'LMI ' : ''}function ${fn.name}` +
        (known.length > 0 ? ` and its ${known.length} published version(s) (${known.join(', ')})` : '') +
        '.',
    );
    return;
  }
  if (!fn.retained) {
    out.unexpected.push(`function ${fn.name} still exists with ${versions.length} published version(s)`);
    return;
  }
  // Kept by its owner; its LMI versions would keep their instances, so they go.
  if (fn.lmi) {
    for (const version of versions) {
      try {
        await deleteFunctionVersion(ctx.aws.lambda, fn.name, version);
        out.deletedVersions.push(`${fn.name}:${version}`);
        ctx.progress.emit(
          DESTROY_MESSAGES.versionDeleted,
          `Deleted ${fn.name}:${version} (the template retains its function).`,
        );
      } catch (e) {
        if (isNotFoundError(e)) continue;
        out.leftInPlace.push({ what: `${fn.name}:${version}`, why: `not deleted: ${errorMessage(e)}` });
      }
    }
  }
  out.leftInPlace.push({
    what: `function ${fn.name}${fn.lmi ? '' : ` and its ${versions.length} published version(s)`}`,
    why: 'DeletionPolicy: Retain on the function',
    command: `aws lambda delete-function --function-name ${shellQuote(fn.name)}`,
  });
}
