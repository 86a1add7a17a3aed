// Standard Lambda vs LMI per month at the run's volume, the crossover, and the assumptions
// behind both figures, as terminal columns.
import { LMI_MANAGEMENT_FEE } from '../../cost/prices.js';
import { formatCount, formatUnitPrice, formatUsd, formatVolume } from '../format.js';
import type { CostSection, DeepReadonly, ReadonlyReport } from '../model.js';
import { columns, type Section } from './plain.js';

export function cost(report: ReadonlyReport): Section | undefined {
  const c = report.cost;
  if (!c) return undefined;
  return {
    title: `Cost per month at ${formatCount(c.invocations)} invocations`,
    lines: [
      ...costColumns(c),
      `${c.cheaper === 'lmi' ? 'LMI is cheaper' : 'standard Lambda is cheaper'} by ${formatUsd(Math.abs(c.lmiMinusStandard))}/month`,
      c.crossoverInvocations === null
        ? 'crossover: none (LMI never cheaper with these inputs)'
        : `crossover: LMI costs no more from about ${formatVolume(c.crossoverInvocations)} invocations/month (${formatCount(c.crossoverInvocations)})`,
      'assumptions:',
      ...c.assumptions.map((a) => `- ${a}`),
    ],
  };
}

function costColumns({ standard: st, lmi: lm }: DeepReadonly<CostSection>): string[] {
  return columns(
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
  );
}
