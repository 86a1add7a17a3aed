// `lmi-cutover status` on a terminal: the route in one line, the stage's raw values under it,
// then one row per role (production, candidate, rollback target, fallback) with its version,
// the version's state, its scaling and its share of traffic.
import { describeRoute } from '../core/domain.js';
import { columns } from '../report/text/plain.js';
import type { StageStatus, VersionStatus } from '../pipeline/modes/status.js';

function scaling(a: VersionStatus): string {
  if (!a.scaling) return a.target.side === 'lmi' ? '?' : '-';
  return `${a.scaling.min ?? '?'}/${a.scaling.max ?? '?'}`;
}

function state(a: VersionStatus): string {
  if (a.error) return `unreadable: ${a.error}`;
  const reason = a.stateReasonCode
    ? ` (${a.stateReasonCode}${a.stateReason ? `: ${a.stateReason}` : ''})`
    : '';
  const update =
    a.lastUpdateStatus && a.lastUpdateStatus !== 'Successful' ? `, last update ${a.lastUpdateStatus}` : '';
  return `${a.state ?? 'unknown'}${reason}${update}`;
}

export function renderStatus(s: StageStatus): string {
  const lines = [
    `stack  ${s.stackName} (${s.region}, ${s.stackStatus})`,
    `stage  ${s.ref.stage} of REST API ${s.ref.restApiId}${s.stageUrl ? `  ${s.stageUrl}` : ''}`,
    `route  ${s.route ? describeRoute(s.route) : `UNKNOWN: ${s.unknownReason ?? 'not a route lmi-cutover made'}`}`,
    `       ${s.stageState}`,
    '',
    ...columns(
      [
        ['ROLE', 'FUNCTION', 'VERSION', 'TRAFFIC', 'MIN/MAX ENVS', 'STATE'],
        ...s.versions.map((a) => [
          a.role,
          a.target.side === 'lmi' ? 'LMI' : 'standard twin',
          a.target.version,
          a.trafficPercent === undefined ? '?' : `${a.trafficPercent} %`,
          scaling(a),
          state(a),
        ]),
      ],
      'llrrrl',
    ),
  ];
  if (s.lmiVersions) {
    const shown = s.lmiVersions.slice(0, 10);
    lines.push(
      '',
      `LMI versions published: ${s.lmiVersions.length}` +
        (shown.length > 0
          ? ` (newest first: ${shown.join(', ')}${s.lmiVersions.length > shown.length ? ', …' : ''})`
          : ''),
    );
  }
  if (s.fixes.length > 0) lines.push('', 'Set a known route by hand:', ...s.fixes.map((f) => `  ${f}`));
  return `${lines.join('\n')}\n`;
}
