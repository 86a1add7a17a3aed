// The prober of an app brought with a checks file: its `load.request` sent over HTTP to the
// stage URL, the path production traffic takes, and each answer judged by `load.expect`. The
// answers do not say which version served them, so the canary is judged by CloudWatch metrics
// (metrics-step.ts) and these answers as a whole.
import type { CheckExpectation, CheckRequestSpec } from '../../config/checks-file.js';
import { judgeOutcome } from '../verify/checks/judge.js';
import { bodyText } from '../verify/checks/proxy-event.js';
import type { RequestSigner } from '../verify/checks/signing.js';
import { createStageAgent, postToStage } from '../webhook/http.js';
import type { Prober } from './probe.js';
import { closableProber, type StageProber } from './stage-prober.js';

/** API Gateway gives up at 29 s; a probe waits a little longer so the gateway's answer is seen. */
const PROBE_TIMEOUT_MS = 30_000;

export interface RequestProberOptions {
  readonly stageUrl: string;
  readonly request: CheckRequestSpec;
  readonly expect: CheckExpectation;
  readonly connections?: number;
  readonly timeoutMs?: number;
  /** The checks file's `signing`: each probe signed as it is sent. */
  readonly sign?: RequestSigner;
}

/** The request as sent: the query string on the path, a non-string body as JSON. */
function stageRequest(spec: CheckRequestSpec) {
  const query = spec.query ? new URLSearchParams(spec.query).toString() : '';
  const body = bodyText(spec);
  const headers = { ...(spec.headers ?? {}) };
  if (
    body !== null &&
    typeof spec.body !== 'string' &&
    !Object.keys(headers).some((h) => h.toLowerCase() === 'content-type')
  )
    headers['content-type'] = 'application/json';
  return { method: spec.method, path: `${spec.path}${query ? `?${query}` : ''}`, headers, body };
}

export function createRequestProber(options: RequestProberOptions): StageProber {
  const agent = createStageAgent(options.connections ?? 16);
  const unsigned = stageRequest(options.request);
  let seq = 0;
  const probe: Prober = async (signal) => {
    seq++;
    const request = options.sign ? stageRequest(options.sign(options.request, 'probe')) : unsigned;
    const outcome = await postToStage(options.stageUrl, request, {
      dispatcher: agent,
      timeoutMs: options.timeoutMs ?? PROBE_TIMEOUT_MS,
      signal,
    });
    const problems = judgeOutcome(options.expect, outcome);
    const status =
      outcome.kind === 'answered'
        ? outcome.answer.statusCode
        : outcome.kind === 'throttled'
          ? 429
          : outcome.kind === 'function-error'
            ? 502
            : 0;
    return {
      ok: problems.length === 0,
      status,
      latencyMs: outcome.latencyMs,
      ...(problems.length > 0 ? { error: problems.join('; ') } : {}),
    };
  };
  return closableProber(probe, () => seq, agent);
}
