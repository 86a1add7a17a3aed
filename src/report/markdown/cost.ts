// Standard Lambda vs LMI per month, the crossover, the chart over volumes, the assumptions.
import { LMI_MANAGEMENT_FEE } from '../../cost/prices.js';
import { costChart, costCurve, mermaidXyChart } from '../charts.js';
import { formatCount, formatUnitPrice, formatUsd, formatVolume } from '../format.js';
import type { CostComparison, CostComparisonInput } from '../../cost/compare.js';
import { details, escapeHtml, table, type Block, type RenderContext } from '../md.js';
import type { DeepReadonly, ReadonlyReport } from '../model.js';

export function cost(report: ReadonlyReport, ctx: RenderContext): Block[] {
  const c = report.cost;
  if (!c) return [];
  const { standard: s, lmi: l } = c;
  const rows = [
    ['Requests', formatUsd(s.requests), formatUsd(l.requests)],
    ['Compute (GB-seconds)', formatUsd(s.compute), '–'],
    [
      `EC2: ${l.instances} × ${l.instanceType} at ${formatUnitPrice(l.instanceHourly)}/h`,
      '–',
      formatUsd(l.ec2),
    ],
    [`Management fee (${LMI_MANAGEMENT_FEE * 100} % of on-demand)`, '–', formatUsd(l.managementFee)],
    ['**Total per month**', `**${formatUsd(s.total)}**`, `**${formatUsd(l.total)}**`],
  ];
  const diff = Math.abs(c.lmiMinusStandard);
  const verdict =
    c.cheaper === 'lmi'
      ? `LMI is **${formatUsd(diff)}/month cheaper** at this volume.`
      : `LMI is **${formatUsd(diff)}/month dearer** at this volume.`;
  const crossover =
    c.crossoverInvocations === null
      ? 'With these inputs LMI never becomes the cheaper option (checked up to 10¹² invocations a month).'
      : `LMI costs no more than standard Lambda from about **${formatVolume(c.crossoverInvocations)} invocations a month** (${formatCount(c.crossoverInvocations)}).`;
  const text = [
    `### Cost per month at ${formatCount(c.invocations)} invocations`,
    table(['', 'Standard Lambda', 'LMI'], rows, ['l', 'r', 'r']),
    `${verdict} ${crossover}`,
  ].join('\n\n');
  const blocks: Block[] = [{ id: 'cost', title: 'Cost comparison', text, dropRank: 6 }];
  if (c.input) blocks.push(costChartBlock(c.input, c));
  if (c.assumptions.length > 0) {
    const shown = c.assumptions.slice(0, Math.max(1, ctx.budget.rows));
    if (shown.length < c.assumptions.length)
      ctx.trimmed.push(`${c.assumptions.length - shown.length} cost assumptions`);
    const list = shown.map((a) => `- ${ctx.prose(a)}`).join('\n');
    blocks.push({
      id: 'cost-assumptions',
      title: 'Cost assumptions',
      text: details('Assumptions', list),
      dropRank: 2,
    });
  }
  return blocks;
}

function costChartBlock(input: DeepReadonly<CostComparisonInput>, at: DeepReadonly<CostComparison>): Block {
  let text: string;
  try {
    const chart = mermaidXyChart(costChart(costCurve(input, at), at.crossoverInvocations));
    // The chart carries no legend: the caption names the series by colour and shape, which the
    // chart sets the same in GitHub's light and dark mode.
    const caption =
      '_Blue bars: LMI (whole instances, never fewer than 3). Orange line: standard Lambda (pay per use). ' +
      "The x-axis is roughly logarithmic; this run's volume and the crossover named in the title are exact points on it._";
    text = `${chart}\n\n${caption}`;
  } catch (err) {
    // A report read back from disk may carry inputs this version cannot price; the table still stands.
    text = `_Cost chart unavailable: ${escapeHtml(err instanceof Error ? err.message : String(err))}_`;
  }
  return { id: 'cost-chart', title: 'Cost chart', text, dropRank: 3 };
}
