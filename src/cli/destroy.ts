// `lmi-cutover destroy`'s own flags and its closing summary. The progress lines (one per
// resource, version, decision, scale-down, stack event and leftover) come from the pipeline;
// this prints what a person reads last: deleted or not, and what outlives the stack.
import { Command, InvalidArgumentError, Option } from 'commander';
import { DESTROY_DEFAULTS } from '../config/defaults.js';
import { OVERRIDE_FLAG } from '../pipeline/destroy/decide.js';
import type { DestroyRun } from '../pipeline/modes/destroy.js';

export interface DestroyFlags {
  readonly dryRun?: boolean;
  readonly iKnowItServesProduction?: boolean;
  readonly trafficWindowHours: number;
  readonly timeoutMinutes: number;
}

const wholeNumber = (min: number, max: number) => (value: string) => {
  const n = /^\d+$/.test(value.trim()) ? Number(value) : NaN;
  if (!(n >= min && n <= max))
    throw new InvalidArgumentError(`"${value}" is not a whole number from ${min} to ${max}.`);
  return n;
};

export function addDestroyOptions(command: Command): Command {
  return command
    .option(
      '--dry-run',
      'read the stack, its versions and its stage traffic; print what would be deleted, what would outlive the stack and whether destroy would refuse (exit 1 if it would); change nothing',
    )
    .option(
      OVERRIDE_FLAG,
      'delete the stack although its stage served requests in the traffic window, or its traffic cannot be proven (it never overrides termination protection)',
    )
    .addOption(
      new Option(
        '--traffic-window-hours <hours>',
        'a stage request this recent (CloudWatch AWS/ApiGateway Count) counts as production traffic',
      )
        .argParser(wholeNumber(1, 24 * 455))
        .default(DESTROY_DEFAULTS.trafficWindowHours),
    )
    .addOption(
      new Option(
        '--timeout-minutes <minutes>',
        'fail when the LMI versions are not Deactivated and the stack not DELETE_COMPLETE after this long (the deletion then goes on without the command)',
      )
        .argParser(wholeNumber(1, 24 * 60))
        .default(DESTROY_DEFAULTS.timeoutMinutes),
    );
}

/** The last lines: what happened, what outlives the stack. */
export function renderDestroy(run: DestroyRun): string {
  if (run.type === 'no-stack') return `\nStack ${run.stackName} does not exist: nothing deleted.\n`;
  const { inventory } = run;
  const versions = inventory.functions.reduce((n, f) => n + f.versions.length, 0);
  const holdings = `${inventory.resources.length} resource(s), ${inventory.functions.length} function(s) with ${versions} published version(s)`;
  if (run.type === 'dry-run') {
    const lines = [
      '',
      run.decision.type === 'refused'
        ? `Dry run: destroy would REFUSE to delete stack ${inventory.stackName}.`
        : `Dry run: destroy would delete stack ${inventory.stackName}: ${holdings}. Nothing was changed.`,
      ...(run.decision.type === 'refused'
        ? [run.decision.reason, ...run.decision.fixes.map((f) => `  ${f}`)]
        : []),
    ];
    return `${lines.join('\n')}\n`;
  }
  const left = run.leftovers.leftInPlace;
  const lines = [
    '',
    `Deleted stack ${inventory.stackName}: ${holdings}.`,
    ...(run.released.released.length > 0
      ? [`Released the environments of ${run.released.released.length} LMI version(s) first (scaled to 0/0).`]
      : []),
    ...(run.leftovers.deletedVersions.length > 0
      ? [`Deleted the LMI versions of retained functions: ${run.leftovers.deletedVersions.join(', ')}.`]
      : []),
    `Checked gone: ${run.leftovers.gone.join(', ') || 'nothing to check'}.`,
    ...(left.length > 0
      ? [
          'Left in place:',
          ...left.map((l) => `  ${l.what}: ${l.why}${l.command ? `\n    ${l.command}` : ''}`),
        ]
      : []),
  ];
  return `${lines.join('\n')}\n`;
}
