// Whether `destroy` may delete the stack. It refuses, in this order:
// 1. a stack with an operation running (CloudFormation refuses DeleteStack then anyway);
// 2. termination protection: the owner's explicit "do not delete" — never overridden here; the
//    refusal prints the one command that turns it off;
// 3. a stage that served requests in the traffic window (CloudWatch's API Gateway Count), or whose
//    traffic cannot be proven either way: production traffic unless shown otherwise, deleted only
//    with --i-know-it-serves-production.
// A pure function of what was read, so every refusal and the override are tested without AWS.
import { shellQuote } from '../../core/format.js';
import type { StackInventory, TrafficSource } from './stack-inventory.js';
import type { StageTraffic } from './stage-traffic.js';

/** The flag that deletes a stack whose stage serves (or may serve) production traffic. */
export const OVERRIDE_FLAG = '--i-know-it-serves-production';

export interface SourceTraffic {
  readonly source: TrafficSource;
  readonly traffic: StageTraffic;
}

export type DestroyDecision =
  | {
      readonly type: 'proceed';
      readonly why: string;
      /** Set when the stage serves (or may serve) traffic and the override deletes it anyway. */
      readonly overridden?: string;
    }
  | {
      readonly type: 'refused';
      readonly reason: string;
      /** What a person runs to go ahead, one command or sentence each. */
      readonly fixes: readonly string[];
    };

export interface DestroyFlags {
  readonly iKnowItServesProduction: boolean;
}

const where = (s: TrafficSource) =>
  s.stage !== undefined ? `stage ${s.stage} of REST API ${s.restApiId}` : `REST API ${s.restApiId}`;

/** What the traffic evidence says, in one sentence, and whether it proves the stack idle. */
export function trafficVerdict(sources: readonly SourceTraffic[]): {
  readonly kind: 'idle' | 'serving' | 'unknown';
  readonly sentence: string;
} {
  if (sources.length === 0) {
    return {
      kind: 'unknown',
      sentence: 'the stack has no REST API, so CloudWatch holds no request count that could show it idle',
    };
  }
  const serving = sources.filter((s) => s.traffic.kind === 'serving');
  if (serving.length > 0) {
    return {
      kind: 'serving',
      sentence: serving
        .map(({ source, traffic }) =>
          traffic.kind === 'serving'
            ? `${where(source)} served ${traffic.requests} request(s) in the last ${traffic.windowHours} h` +
              (traffic.lastHourWithRequests
                ? ` (the latest in the hour from ${traffic.lastHourWithRequests.toISOString()})`
                : '')
            : '',
        )
        .join('; '),
    };
  }
  const unknown = sources.filter((s) => s.traffic.kind === 'unknown');
  if (unknown.length > 0) {
    return {
      kind: 'unknown',
      sentence: unknown
        .map(({ source, traffic }) =>
          traffic.kind === 'unknown'
            ? `whether ${where(source)} serves traffic is unknown: ${traffic.reason}`
            : '',
        )
        .join('; '),
    };
  }
  return {
    kind: 'idle',
    sentence: sources
      .map(({ source, traffic }) =>
        traffic.kind === 'idle'
          ? `${where(source)} (API name "${traffic.apiName}") served no request in the last ${traffic.windowHours} h`
          : `${where(source)} no longer exists`,
      )
      .join('; '),
  };
}

export function decideDestroy(
  inventory: Pick<StackInventory, 'stackName' | 'status' | 'terminationProtection'>,
  sources: readonly SourceTraffic[],
  flags: DestroyFlags,
): DestroyDecision {
  const name = inventory.stackName;
  if (inventory.status.endsWith('_IN_PROGRESS') && inventory.status !== 'REVIEW_IN_PROGRESS') {
    return {
      type: 'refused',
      reason: `Stack ${name} is ${inventory.status}: an operation is running on it, and CloudFormation deletes only a settled stack.`,
      fixes: ['Wait for the operation to finish (watch the stack events), then run destroy again.'],
    };
  }
  if (inventory.terminationProtection) {
    return {
      type: 'refused',
      reason:
        `Stack ${name} has termination protection on: someone marked it as not to be deleted, and destroy never overrides that ` +
        `(not even with ${OVERRIDE_FLAG}).`,
      fixes: [
        `If it really must go, turn the protection off yourself: aws cloudformation update-termination-protection --no-enable-termination-protection --stack-name ${shellQuote(name)}`,
        'then run destroy again (it still refuses a stage that serves traffic).',
      ],
    };
  }
  const verdict = trafficVerdict(sources);
  if (verdict.kind === 'idle') return { type: 'proceed', why: `not serving traffic: ${verdict.sentence}` };
  const evidence =
    verdict.kind === 'serving'
      ? `It serves production traffic: ${verdict.sentence}.`
      : `It may serve production traffic, and destroy deletes only a stack it can prove idle: ${verdict.sentence}.`;
  if (flags.iKnowItServesProduction) {
    return { type: 'proceed', why: `${OVERRIDE_FLAG} given`, overridden: evidence };
  }
  return {
    type: 'refused',
    reason: `Stack ${name} is not deleted. ${evidence}`,
    fixes: [
      'Move its clients (or the custom domain) elsewhere and wait out the traffic window, or',
      `delete it anyway, knowing it serves production: add ${OVERRIDE_FLAG} (try --dry-run first to see what goes).`,
    ],
  };
}
