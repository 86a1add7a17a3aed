// The report for a terminal: the same facts as the markdown, in aligned plain-text columns,
// with no markdown, HTML or mermaid. Long lists are cut at `maxRows` with a line saying so.
import { LMI_MANAGEMENT_FEE } from '../cost/prices.js';
import type { LatencySummary } from '../core/stats.js';
import {
  changeCounts,
  isReplacement,
  mayBeReplaced,
  OUTCOME_WORDS,
  routeLine,
  runDurationMs,
  shortSha,
  sortedChanges,
} from './facts.js';
import {
  formatClock,
  formatCount,
  formatDateTime,
  formatDuration,
  formatMs,
  formatPercent,
  formatRate,
  formatUnitPrice,
  formatUsd,
  formatVolume,
} from './format.js';
import { reportConsoleLinks } from './links.js';
import { type ReadonlyReport } from './model.js';
import { routeLabel, type LoadResult } from '../core/domain.js';

export interface TextOptions {
  /** Most rows per long list (default 50). */
  maxRows?: number;
}

const mark = (passed: boolean) => (passed ? 'PASS' : 'FAIL');
const INDENT = '  ';

export function renderText(report: ReadonlyReport, opts: TextOptions = {}): string {
  const maxRows = opts.maxRows ?? 50;
  const out: string[] = [];
  const section = (title: string, lines: string[]) => {
    if (lines.length > 0) out.push('', title, ...lines.map((l) => (l ? INDENT + l : l)));
  };
  const cap = <T>(items: readonly T[], what: string, render: (rows: T[]) => string[]) => {
    const lines = render(items.slice(0, maxRows));
    if (items.length > maxRows)
      lines.push(`... ${formatCount(items.length - maxRows)} more ${what} (see the JSON report)`);
    return lines;
  };

  const { run } = report;
  const o = OUTCOME_WORDS[run.outcome];
  out.push(`lmi-cutover ${run.mode}: ${o.word.toUpperCase()}  ${run.stackName} (${run.region})`);
  const route = routeLine(report.route, '->');
  if (route) out.push(`route: ${route}`);
  const duration = runDurationMs(report);
  out.push(
    [
      `started ${formatDateTime(run.startedAt)}`,
      duration !== undefined ? `took ${formatDuration(duration)}` : '',
      run.trigger?.pullRequest ? `PR #${run.trigger.pullRequest}` : '',
      run.trigger?.sha ? `commit ${shortSha(run.trigger.sha)}` : '',
      run.trigger?.runUrl ?? '',
    ]
      .filter(Boolean)
      .join(', '),
  );
  if (run.error) out.push('', `ERROR ${run.error.code}: ${run.error.message}`);

  const failure = report.cutover?.rollback?.failure;
  if (failure) {
    out.push(
      '',
      '!!! ROLLBACK FAILED: production traffic may still reach the LMI version. Fix the stage by hand now.',
      `${INDENT}${failure.message}`,
      `${INDENT}stage state: ${failure.stageState}`,
      `${INDENT}fix by hand (sends all traffic back to the standard twin):`,
      `${INDENT}${INDENT}${failure.manualFix}`,
    );
  }

  const links = reportConsoleLinks(report);
  section(
    'AWS console',
    columns([
      ...(links.stack ? [['stack', links.stack]] : []),
      ...(links.lmiFunction ? [['LMI function', links.lmiFunction]] : []),
      ...(links.standardFunction ? [['standard twin', links.standardFunction]] : []),
      ...(links.api ? [['API', links.api]] : []),
    ]),
  );

  if (report.timeline.length > 0) {
    section(
      'Timeline',
      cap(report.timeline, 'stages', (ts) =>
        columns(
          [
            ['STAGE', 'OUTCOME', 'DURATION', 'STARTED', 'DETAIL'],
            ...ts.map((t) => [
              t.stage,
              t.outcome,
              formatDuration(t.durationMs),
              formatClock(t.startedAt),
              oneLine(t.detail ?? ''),
            ]),
          ],
          'llrll',
        ),
      ),
    );
  }

  const d = report.deploy;
  if (d) {
    const head = [
      d.stackStatus,
      d.changeSetName ? `change set ${d.changeSetName}` : '',
      `took ${formatDuration(d.durationMs)}`,
    ];
    const lines: string[] = [];
    if (d.type === 'no-op' || d.changes.length === 0)
      lines.push('no changes: the stack already matches the template');
    else {
      const c = changeCounts(d.changes);
      lines.push(
        `added ${c.added}  modified ${c.modified}  replaced ${c.replaced}  removed ${c.removed}${c.other ? `  imported/dynamic ${c.other}` : ''}`,
      );
      if (c.replaced > 0)
        lines.push(`WARNING: ${c.replaced} resource(s) will be deleted and recreated (replacement)`);
      lines.push(
        ...cap(sortedChanges(d.changes), 'resource changes', (cs) =>
          columns(
            cs.map((ch) => [
              isReplacement(ch) ? '!' : mayBeReplaced(ch) ? '?' : ' ',
              isReplacement(ch) ? 'Replace' : ch.action,
              ch.logicalId,
              ch.type,
              ch.physicalId ?? '',
            ]),
          ),
        ),
      );
    }
    section(`Change set (${head.filter(Boolean).join(', ')})`, lines);
  }

  const p = report.provisioning;
  if (p) {
    section('LMI provisioning', [
      `version ${p.version} of ${p.functionName}: ${p.state} after ${formatDuration(p.seconds * 1000)}`,
      ...(p.stateReasonCode || p.stateReason
        ? [`reason: ${[p.stateReasonCode, p.stateReason].filter(Boolean).join(' ')}`]
        : []),
      ...(p.capacityProviderState
        ? [`capacity provider ${p.capacityProviderArn ?? ''} ${p.capacityProviderState}`.replace('  ', ' ')]
        : []),
      ...(p.confirmedOnly ? ['CloudFormation had already waited; one call confirmed Active'] : []),
    ]);
  }

  const s = report.smoke;
  if (s && s.checks.length > 0) {
    const passed = s.checks.filter((c) => c.passed).length;
    section(
      `Smoke checks: ${passed}/${s.checks.length} passed`,
      cap(s.checks, 'checks', (cs) =>
        columns(
          [
            ['', 'CHECK', 'TARGET', 'REQUEST', 'EXPECTED', 'ACTUAL', 'TIME'],
            ...cs.map((c) => [
              mark(c.passed),
              c.name,
              c.target,
              c.request,
              oneLine(c.expected),
              oneLine(c.actual),
              formatDuration(c.durationMs),
            ]),
          ],
          'llllllr',
        ),
      ),
    );
  }

  const l = report.load;
  if (l) {
    section(`Concurrency check: LMI${l.standard ? ' vs standard twin' : ''}`, [
      ...loadColumns(l.lmi, l.standard),
      '',
      ...latencyBars(l.lmi.latency, l.standard?.latency),
    ]);
    if (l.gates.length > 0) {
      section(
        'Gates',
        columns(
          [
            ['', 'GATE', 'LIMIT', 'ACTUAL'],
            ...l.gates.map((g) => [mark(g.passed), g.name, String(g.limit), String(g.actual)]),
          ],
          'llrr',
        ),
      );
    }
    if (l.sweep && l.sweep.length > 0) {
      const sorted = [...l.sweep].sort((a, b) => a.concurrencyPerEnvironment - b.concurrencyPerEnvironment);
      section(
        'Concurrency sweep',
        cap(sorted, 'levels', (ps) =>
          columns(
            [
              ['PER ENV', 'P50', 'P95', 'P99', 'THROUGHPUT', 'ERRORS', 'THROTTLES', ''],
              ...ps.map((x) => [
                String(x.concurrencyPerEnvironment),
                formatMs(x.latency.p50),
                formatMs(x.latency.p95),
                formatMs(x.latency.p99),
                `${x.throughputRps.toFixed(1)} req/s`,
                formatRate(x.errorRate),
                formatCount(x.throttles),
                x.knee ? '<- knee' : '',
              ]),
            ],
            'rrrrrrrl',
          ),
        ),
      );
    }
  }

  const c = report.cutover;
  if (c && c.steps.length > 0) {
    const rows = cap(c.steps, 'steps', (ss) =>
      columns(
        [
          [
            'STEP',
            'STARTED',
            'PROBES',
            'OBSERVED LMI',
            'TOLERANCE',
            'LMI P95',
            'TWIN P95',
            'LMI ERR',
            'TWIN ERR',
            'RESULT',
          ],
          ...ss.map((x) => [
            `${x.percent} %`,
            formatClock(x.startedAt),
            formatCount(x.probes),
            formatPercent(x.observedLmiPercent),
            `+/-${formatPercent(x.tolerancePercent)}`,
            formatMs(x.lmi.latency.p95),
            formatMs(x.standard.latency.p95),
            `${x.lmi.errors}/${x.lmi.count}`,
            `${x.standard.errors}/${x.standard.count}`,
            `${mark(x.passed)}${x.reason ? ` ${oneLine(x.reason)}` : ''}`,
          ]),
        ],
        'rlrrrrrrrl',
      ),
    );
    rows.push(c.promoted ? 'promoted: all traffic to the LMI alias, canary removed' : 'not promoted');
    section('Cutover steps', rows);
  }
  if (c && c.routeChanges.length > 0) {
    section(
      'Route changes',
      cap(c.routeChanges, 'route changes', (rs) =>
        columns(
          rs.map((r) => [
            formatDateTime(r.at),
            `${routeLabel(r.from)} -> ${routeLabel(r.to)}`,
            oneLine(r.why),
          ]),
        ),
      ),
    );
  }
  const rb = c?.rollback;
  if (rb) {
    section('Rollback', [
      `at ${formatDateTime(rb.at)}: ${oneLine(rb.reason)}`,
      rb.verified
        ? `verified with ${rb.probes} probe(s): all traffic standard`
        : `NOT verified by probes (${rb.probes} sent)`,
      `final route: ${routeLabel(rb.finalRoute)}`,
      ...(rb.failure ? ['the rollback itself FAILED: see the manual fix at the top'] : []),
    ]);
  }
  if (c && c.deletedVersions.length > 0) section('Deleted LMI versions', [c.deletedVersions.join(', ')]);

  const cost = report.cost;
  if (cost) {
    const { standard: st, lmi: lm } = cost;
    section(`Cost per month at ${formatCount(cost.invocations)} invocations`, [
      ...columns(
        [
          ['', 'STANDARD', 'LMI'],
          ['requests', formatUsd(st.requests), formatUsd(lm.requests)],
          ['compute (GB-s)', formatUsd(st.compute), '-'],
          [
            `EC2 ${lm.instances} x ${lm.instanceType} at ${formatUnitPrice(lm.instanceHourly)}/h`,
            '-',
            formatUsd(lm.ec2),
          ],
          [`management fee ${LMI_MANAGEMENT_FEE * 100} %`, '-', formatUsd(lm.managementFee)],
          ['total', formatUsd(st.total), formatUsd(lm.total)],
        ],
        'lrr',
      ),
      `${cost.cheaper === 'lmi' ? 'LMI is cheaper' : 'standard Lambda is cheaper'} by ${formatUsd(Math.abs(cost.lmiMinusStandard))}/month`,
      cost.crossoverInvocations === null
        ? 'crossover: none (LMI never cheaper with these inputs)'
        : `crossover: LMI costs no more from about ${formatVolume(cost.crossoverInvocations)} invocations/month (${formatCount(cost.crossoverInvocations)})`,
      'assumptions:',
      ...cost.assumptions.map((a) => `- ${a}`),
    ]);
  }
  return `${out.join('\n')}\n`;
}

function loadColumns(lmi: LoadResult, twin?: LoadResult): string[] {
  const both = (f: (r: LoadResult) => string) => [f(lmi), ...(twin ? [f(twin)] : [])];
  const rows: string[][] = [
    ['', 'LMI', ...(twin ? ['TWIN'] : [])],
    ['target', ...both((r) => `${r.functionName}:${r.qualifier}`)],
    ['concurrency', ...both((r) => formatCount(r.concurrency))],
    ['requests', ...both((r) => formatCount(r.requests))],
    ['throughput', ...both((r) => `${r.throughputRps.toFixed(1)} req/s`)],
    ['errors', ...both((r) => `${r.errors} (${formatRate(r.errorRate)})`)],
    ['throttles', ...both((r) => `${r.throttles} (${formatRate(r.throttleRate)})`)],
    ['environments', ...both((r) => `${r.environments} (peak ${r.peakInFlightPerEnvironment} each)`)],
    ['cold starts', ...both((r) => (r.coldStarts === undefined ? '-' : String(r.coldStarts)))],
    [
      'isolation',
      ...both(
        (r) =>
          `${mark(r.isolation.passed)} ${r.isolation.stored}/${r.isolation.expectedStored} stored, ${r.isolation.duplicates} dup`,
      ),
    ],
  ];
  return columns(rows, twin ? 'lrr' : 'lr');
}

/** p50..max as bars scaled to the largest value, LMI above twin. */
function latencyBars(lmi: LatencySummary, twin?: LatencySummary, width = 30): string[] {
  const keys = ['p50', 'p95', 'p99', 'max'] as const;
  const max = Math.max(...keys.flatMap((k) => [lmi[k], twin?.[k] ?? 0]), 1);
  const bar = (v: number) => '#'.repeat(Math.max(v > 0 ? 1 : 0, Math.round((v / max) * width)));
  const rows = keys.flatMap((k) => [
    [k, 'LMI', formatMs(lmi[k]), bar(lmi[k])],
    ...(twin ? [['', 'twin', formatMs(twin[k]), bar(twin[k])]] : []),
  ]);
  return ['latency', ...columns(rows, 'llrl')];
}

/** Aligned columns: `align` is one letter per column, l or r (default l). */
export function columns(rows: readonly string[][], align = ''): string[] {
  const widths: number[] = [];
  for (const row of rows) row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, width(cell))));
  return rows.map((row) =>
    row
      .map((cell, i) => {
        const pad = ' '.repeat((widths[i] ?? 0) - width(cell));
        return align[i] === 'r' ? pad + cell : i === row.length - 1 ? cell : cell + pad;
      })
      .join('  ')
      .trimEnd(),
  );
}

const width = (s: string) => [...s].length;
const oneLine = (s: string) => s.replace(/\s*\r?\n\s*/g, ' ');
