// One row per target of a release by waves, from the report JSON each wave's job wrote and the
// verdict of each gate. The waves file gives the order; walking it, the first target that did
// not release halts the rest: a later target without a report was not run. A target without a
// report that nothing halted should have run, so it is `missing` — never shown as released.
import type { Outcome, Route } from '../core/domain.js';
import { targetKey, type WavesPlan } from '../config/waves-file.js';
import type { ReadonlyReport } from './model.js';
import type { GateRecord } from './waves-gate.js';

export type WaveResult =
  /** The report's outcome is success or no-op. */
  | 'released'
  /** The run failed; production stayed where it was, or the report says otherwise in its route. */
  | 'failed'
  /** The candidate failed behind the canary and production went back. */
  | 'rolled-back'
  /** The gate refused to start this wave, nothing before it had failed. */
  | 'refused'
  /** An earlier target did not release, so this one never started (or its gate refused). */
  | 'not-run'
  /** Nothing halted the release before it, yet it left no report. */
  | 'missing';

export interface WaveRow {
  readonly wave: number;
  readonly waveName: string;
  readonly region: string;
  readonly stackName: string;
  readonly result: WaveResult;
  readonly outcome?: Outcome;
  readonly route?: { readonly before?: Route; readonly after?: Route };
  /** Why, in a sentence: the run's error, the gate's reasons, what halted it. */
  readonly detail?: string;
}

export interface WavesSummary {
  readonly name: string;
  readonly rows: readonly WaveRow[];
  /** Targets that should have reported and did not: the report step fails for them. */
  readonly missing: readonly string[];
  /** Reports and verdicts of targets the waves file does not list. */
  readonly ignored: readonly string[];
  /** The first target that did not release. */
  readonly haltedAt?: string;
}

const latest = <T>(items: readonly T[], at: (t: T) => string): T | undefined =>
  [...items].sort((a, b) => at(a).localeCompare(at(b))).at(-1);

const RESULT_OF: Record<Outcome, WaveResult> = {
  success: 'released',
  'no-op': 'released',
  failure: 'failed',
  'rolled-back': 'rolled-back',
};

function reportDetail(r: ReadonlyReport): string | undefined {
  if (r.run.outcome === 'no-op') return 'nothing to change';
  return r.run.error ? `[${r.run.error.code}] ${r.run.error.message}` : undefined;
}

const gateDetail = (g: GateRecord): string =>
  `the gate refused: ${g.previous.flatMap((p) => p.problems.map((x) => `${p.region}/${p.stackName}: ${x}`)).join('; ')}`;

export function mergeWaveReports(
  plan: WavesPlan,
  found: { readonly reports: readonly ReadonlyReport[]; readonly gates: readonly GateRecord[] },
): WavesSummary {
  const planned = new Set(plan.waves.flatMap((w) => w.targets.map(targetKey)));
  const rows: WaveRow[] = [];
  const missing: string[] = [];
  let haltedAt: string | undefined;
  for (const wave of plan.waves) {
    for (const t of wave.targets) {
      const key = targetKey(t);
      const base = {
        wave: wave.number,
        waveName: wave.name ?? `wave ${wave.number}`,
        region: t.region,
        stackName: t.stackName,
      };
      const report = latest(
        found.reports.filter((r) => r.run.region === t.region && r.run.stackName === t.stackName),
        (r) => r.run.startedAt,
      );
      const gate = latest(
        found.gates.filter((g) => g.for?.region === t.region && g.for.stackName === t.stackName),
        (g) => g.at,
      );
      let row: WaveRow;
      if (report) {
        const result = RESULT_OF[report.run.outcome];
        const detail = reportDetail(report);
        row = {
          ...base,
          result,
          outcome: report.run.outcome,
          route: report.route,
          ...(detail ? { detail } : {}),
        };
      } else if (gate && !gate.passed) {
        row = { ...base, result: haltedAt ? 'not-run' : 'refused', detail: gateDetail(gate) };
      } else if (haltedAt) {
        row = { ...base, result: 'not-run', detail: `${haltedAt} did not release` };
      } else {
        missing.push(key);
        row = {
          ...base,
          result: 'missing',
          detail:
            'no report: its job was cancelled or failed before the action wrote one, or the artifact is missing',
        };
      }
      if (row.result !== 'released' && !haltedAt) haltedAt = key;
      rows.push(row);
    }
  }
  const ignored = [
    ...found.reports.map((r) => `${r.run.region}/${r.run.stackName}`),
    ...found.gates.flatMap((g) => (g.for ? [`${g.for.region}/${g.for.stackName}`] : [])),
  ].filter((k, i, all) => !planned.has(k) && all.indexOf(k) === i);
  return { name: plan.name, rows, missing, ignored, ...(haltedAt ? { haltedAt } : {}) };
}
