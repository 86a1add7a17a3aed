// One sentence per part of a finished run, for the Action's log and the CLI's summary: what
// was deployed, what was verified, where production traffic goes now.
import { describeRoute, type LoadResult } from '../core/domain.js';
import type { CutoverRun } from './modes/cutover.js';
import type { DeployResult } from './deploy/deploy-stack.js';
import type { PlanResult } from './deploy/plan-stack.js';
import { formatDuration } from '../core/format.js';
import type { PipelineResult } from './run.js';
import type { VerifyResult } from './verify/verify-stack.js';
import type { ChecksVerifyResult } from './verify/checks/verify-checks.js';

function describeDeploy(d: DeployResult): string {
  return d.type === 'no-op'
    ? `Stack ${d.stackName} is ${d.stackStatus}: no changes to deploy.`
    : `Stack ${d.stackName} is ${d.stackStatus}: ${d.changeCount} change${d.changeCount === 1 ? '' : 's'} deployed in ${formatDuration(d.durationMs)}.`;
}

function describePlan(p: PlanResult): string {
  if (p.type === 'no-changes') return `Stack ${p.stackName}: no changes to plan; nothing kept.`;
  const risky = p.changes.filter((c) => c.risk).length;
  return (
    `Stack ${p.stackName}: change set ${p.changeSetName} plans ${p.changes.length} change${p.changes.length === 1 ? '' : 's'}` +
    `${risky > 0 ? `, ${risky} destroying production data or routing` : ''}; nothing executed (execute it with change-set-name).`
  );
}

function describeVerify(verify: VerifyResult | ChecksVerifyResult): string {
  if ('type' in verify) {
    const { provision, smoke, load, loadSkipped } = verify;
    const checked = `LMI version ${provision.version} passed ${smoke.checks.length} smoke checks of the checks file (both candidates)`;
    if (!load) return `${checked}; concurrency check ${loadSkipped ?? 'not run'}.`;
    return `${checked}; load request: ${describeLoad(load.lmi.result, load.standard?.result)}, isolation not applicable.`;
  }
  const { provision, load } = verify;
  return `LMI version ${provision.version} verified: ${describeLoad(load.lmi.result, load.standard?.result)}.`;
}

/** p95 beside the twin's, environments when the app reports them, errors and throttles. */
function describeLoad(lmi: LoadResult, twin: LoadResult | undefined): string {
  return (
    `p95 ${lmi.latency.p95} ms${twin ? ` (standard twin ${twin.latency.p95} ms)` : ''}, ` +
    `${lmi.environments === undefined ? '' : `${lmi.environments} environments, `}` +
    `${lmi.errors} errors, ${lmi.throttles} throttles`
  );
}

function describeCutover({ outcome, cleanup }: CutoverRun): string {
  if (outcome.type === 'no-op')
    return `Production already runs the candidate (${describeRoute(outcome.route)}): nothing to shift.`;
  const steps = outcome.section.steps.map(
    (s) =>
      `${s.percent} % (observed ${s.observedCandidatePercent} %${s.judgedBy === 'metrics' ? ' by CloudWatch' : ''})`,
  );
  const deleted = cleanup?.deleted.length ?? 0;
  return (
    `Release ${describeRoute(outcome.before)} → ${describeRoute(outcome.route)}: ${steps.join(' → ')}, promoted` +
    (deleted > 0 ? `; deleted ${deleted} old LMI version${deleted === 1 ? '' : 's'}.` : '.')
  );
}

/** The run's result in a few sentences, one per line. */
export function describeResult(result: PipelineResult): string[] {
  switch (result.mode) {
    case 'plan':
      return [describePlan(result.plan)];
    case 'deploy':
      return [describeDeploy(result.deploy)];
    case 'verify':
      return [describeDeploy(result.deploy), describeVerify(result.verify)];
    case 'cutover':
      return [describeVerify(result.verify), describeCutover(result.cutover)];
    case 'full':
      return [describeDeploy(result.deploy), describeVerify(result.verify), describeCutover(result.cutover)];
    case 'load-shard': {
      const { shard, share, sizing, load } = result.shard;
      return [
        `Shard ${shard.index}/${shard.count} of check ${shard.id} sent its share, ${share.concurrency} of ${sizing.concurrency} in flight and ${share.requests} of ${sizing.requests} requests per side: ` +
          `${describeLoad(load.lmi.result, load.standard?.result)}. No gate applied: mode merge judges the ${shard.count} shards together.`,
      ];
    }
    case 'merge': {
      const { merge } = result;
      return [
        `${merge.count} shards of check ${merge.id} merged, LMI version ${merge.lmi.result.qualifier}: ${describeLoad(merge.lmi.result, merge.standard.result)}; every gate passed.`,
      ];
    }
    case 'rollback': {
      const r = result.rollback;
      if (r.type === 'no-op') return ['Route is already standard: nothing to roll back.'];
      return [
        `Rolled back ${describeRoute(r.before)} → ${describeRoute(r.route)}` +
          (r.section.verified ? `, verified by ${r.section.probes} probe(s).` : ' (not verified by probes).'),
      ];
    }
  }
}
