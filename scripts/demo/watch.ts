// An independent prober on production: signed webhooks through the stage URL at a steady rate
// for as long as a sequence of releases runs, counting who answered each one (compute type and
// version) and with which status. It shares nothing with the pipeline's own probes but the
// signing, so it sees what a sender sees: the proof that a deploy or a failed release never
// reached production.
import { createStageProber, probeConnections } from '../../src/pipeline/traffic/stage-prober.js';
import type { ProbeSample } from '../../src/pipeline/traffic/probe.js';
import { signingSecrets } from '../../src/pipeline/webhook/signature.js';

export interface WatchCounts {
  readonly sent: number;
  /** From the first send to the last (or to now while it runs): sent ÷ this is the rate held. */
  readonly sendingSeconds: number;
  /** `lmi v2`, `standard v1`, or `no version` for answers that named none. */
  readonly byVersion: Readonly<Record<string, number>>;
  readonly byStatus: Readonly<Record<string, number>>;
  /** Delivery sequence numbers whose answer was 2xx, for checking what was stored. */
  readonly okSequences: readonly number[];
  readonly samples: readonly ProbeSample[];
}

export interface ProductionWatch {
  /** Counts so far, without stopping. */
  counts(): WatchCounts;
  /** Stops sending, waits for the answers in flight, and returns the counts. */
  stop(): Promise<WatchCounts>;
}

export function watchProduction(options: {
  stageUrl: string;
  /** The signing secret parameter's value (one or more whsec_ secrets). */
  secret: string;
  runId: string;
  ratePerSecond: number;
}): ProductionWatch {
  const prober = createStageProber({
    stageUrl: options.stageUrl,
    secrets: signingSecrets(options.secret),
    runId: options.runId,
    connections: probeConnections(options.ratePerSecond),
  });
  const byVersion: Record<string, number> = {};
  const byStatus: Record<string, number> = {};
  const okSequences: number[] = [];
  const samples: ProbeSample[] = [];
  const inFlight = new Set<Promise<void>>();
  const add = (m: Record<string, number>, k: string) => (m[k] = (m[k] ?? 0) + 1);
  const tick = () => {
    const seq = prober.sent() + 1;
    const p: Promise<void> = prober
      .probe()
      .then((s) => {
        samples.push(s);
        const side =
          s.computeType === 'lambda-managed-instances' ? 'lmi' : s.computeType ? 'standard' : undefined;
        add(byVersion, side && s.functionVersion ? `${side} v${s.functionVersion}` : 'no version');
        add(byStatus, String(s.status));
        if (s.status >= 200 && s.status < 300) okSequences.push(seq);
      })
      .finally(() => inFlight.delete(p));
    inFlight.add(p);
  };
  // Paced by the clock, not by the timer: a tick that comes late (a busy event loop) sends every
  // probe that fell due meanwhile, so the rate over the run is the rate asked for.
  const startedAt = performance.now();
  let stoppedAt: number | undefined;
  const due = () => Math.floor(((performance.now() - startedAt) / 1000) * options.ratePerSecond) + 1;
  const catchUp = () => {
    for (let n = due() - prober.sent(); n > 0; n--) tick();
  };
  const timer = setInterval(catchUp, Math.min(50, 1000 / options.ratePerSecond));
  catchUp();
  const counts = (): WatchCounts => ({
    sent: prober.sent(),
    sendingSeconds: ((stoppedAt ?? performance.now()) - startedAt) / 1000,
    byVersion: { ...byVersion },
    byStatus: { ...byStatus },
    okSequences: [...okSequences],
    samples: [...samples],
  });
  return {
    counts,
    stop: async () => {
      clearInterval(timer);
      stoppedAt ??= performance.now();
      await Promise.allSettled([...inFlight]);
      await prober.close();
      return counts();
    },
  };
}

/** `lmi v1 412, standard v1 35 · 2xx 447` for a log line. */
export function describeCounts(c: WatchCounts): string {
  const versions = Object.entries(c.byVersion)
    .map(([k, n]) => `${k} ${n}`)
    .join(', ');
  const statuses = Object.entries(c.byStatus)
    .map(([k, n]) => `${k} ×${n}`)
    .join(', ');
  return `${c.sent} sent; answered by ${versions || 'nobody'}; statuses ${statuses || 'none'}`;
}
