// `lmi-cutover init`: reads a SAM template, writes the converted one next to it (never over the
// input, never over an existing file without --force, and all at once: a temporary file renamed
// into place), and prints one line per change. A template that cannot be converted is refused
// with every reason and nothing is written.
import { randomUUID } from 'node:crypto';
import { readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { Command } from 'commander';
import { formatCutoverError, isCutoverError } from '../core/errors.js';
import { errorMessage } from '../core/aws-errors.js';
import { convertTemplate } from '../pipeline/init/convert.js';

export interface InitFlags {
  readonly template: string;
  readonly output: string;
  readonly function?: string;
  readonly force?: boolean;
}

interface InitIo {
  readonly cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
}

const EXIT_OK = 0;
const EXIT_REFUSED = 1;
const EXIT_USAGE = 2;

export function addInitOptions(command: Command): Command {
  return command
    .requiredOption('--template <file>', 'the SAM template to convert')
    .requiredOption('--output <file>', 'where to write the converted template')
    .option('--function <logicalId>', 'the function to release, when more than one has API events')
    .option('--force', 'overwrite --output if it exists');
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );

export async function runInit(flags: InitFlags, io: InitIo): Promise<number> {
  const input = resolve(io.cwd, flags.template);
  const output = resolve(io.cwd, flags.output);
  if (input === output) {
    io.stderr(
      'error: --output must not be the --template itself; write the converted template next to it.\n',
    );
    return EXIT_USAGE;
  }
  if (!flags.force && (await exists(output))) {
    io.stderr(`error: ${flags.output} exists; pass --force to overwrite it.\n`);
    return EXIT_USAGE;
  }
  let text: string;
  try {
    text = await readFile(input, 'utf8');
  } catch (e) {
    io.stderr(`error: cannot read --template ${flags.template}: ${errorMessage(e)}\n`);
    return EXIT_USAGE;
  }
  let result;
  try {
    result = convertTemplate(text, {
      source: flags.template,
      ...(flags.function ? { functionId: flags.function } : {}),
    });
  } catch (e) {
    if (!isCutoverError(e)) throw e;
    io.stderr(`error: ${formatCutoverError(e)}\n`);
    return EXIT_REFUSED;
  }
  const temp = join(dirname(output), `.${randomUUID()}.lmi-cutover-init.tmp`);
  try {
    await writeFile(temp, result.text);
    await rename(temp, output);
  } catch (e) {
    await rm(temp, { force: true });
    io.stderr(`error: cannot write --output ${flags.output}: ${errorMessage(e)}\n`);
    return EXIT_REFUSED;
  }
  io.stdout(
    `Converted ${flags.template} → ${flags.output} (${result.contract.standardFunction} → ${result.contract.lmiFunction}, stage of ${result.contract.restApi}):\n` +
      result.changes.map((c) => `  - ${c}\n`).join('') +
      'Deploy it with lmi-cutover deploy (SubnetIds and SecurityGroupIds in parameter-overrides), then release with full.\n',
  );
  return EXIT_OK;
}
