// Mode plan: what executing the reviewed change set would do to the stack — the loud callout
// first (replacements and removals of what production runs on), then every change with what
// causes its replacement, and how to execute it. Also the `changes-markdown` output.
import { changeCounts } from '../facts.js';
import { formatCount } from '../format.js';
import { code, RenderContext, type Block, type Budget } from '../md.js';
import type { DeepReadonly, PlanSection, ReadonlyReport } from '../model.js';
import { changeTable, riskCallout } from './changes.js';

export function planBlock(report: ReadonlyReport, ctx: RenderContext): Block | undefined {
  const plan = report.plan;
  if (!plan) return undefined;
  return { id: 'plan', title: 'Plan', text: planText(plan, report.run.stackName, ctx) };
}

function planText(plan: DeepReadonly<PlanSection>, stackName: string, ctx: RenderContext): string {
  const heading = `### Plan: what this change set does to ${code(stackName)}`;
  if (!plan.changeSetName || plan.changes.length === 0) {
    return [
      heading,
      `No changes: the stack already matches this template and parameters${plan.noChangesReason ? ` (${ctx.prose(plan.noChangesReason)})` : ''}. Nothing to review, nothing kept.`,
    ].join('\n\n');
  }
  const c = changeCounts(plan.changes);
  const counts = [
    `${formatCount(c.added)} added`,
    `${formatCount(c.modified + c.replaced)} modified (${formatCount(c.replaced)} replaced${c.mayReplace > 0 ? `, ${formatCount(c.mayReplace)} may be` : ''})`,
    `${formatCount(c.removed)} removed`,
    ...(c.other > 0 ? [`${formatCount(c.other)} imported/dynamic`] : []),
  ];
  const stack = plan.stackStatus ? `stack ${code(plan.stackStatus)}` : 'a new stack';
  const facts = [
    `Change set ${code(plan.changeSetName)} (${plan.changeSetType}) on ${stack}`,
    `${formatCount(plan.changes.length)} change${plan.changes.length === 1 ? '' : 's'}: ${counts.join(', ')}`,
  ].join(' · ');
  const callout = riskCallout(plan.changes, ctx);
  const execute =
    `**Nothing was executed.** To apply exactly this, run mode \`deploy\` or \`full\` with ` +
    `\`change-set-name: ${plan.changeSetName}\`; it is refused once the stack, the template or the parameters change.`;
  return [
    heading,
    facts,
    ...(callout ? [callout] : []),
    changeTable(plan.changes, ctx, { physicalId: false }),
    execute,
  ].join('\n\n');
}

/** The plan alone, as the `changes-markdown` output: at most `maxRows` rows of changes. */
export function planMarkdown(report: ReadonlyReport, maxRows = 200): string | undefined {
  const budget: Budget = { rows: maxRows, cell: 200, text: 2000 };
  return report.plan ? planText(report.plan, report.run.stackName, new RenderContext(budget)) : undefined;
}
