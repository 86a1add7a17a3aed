// `lmi-cutover waves …`: the steps of the kit's `waves` jobs, each a command a workflow runs.
//   plan    the waves file as a matrix (JSON for `fromJSON`), in release order;
//   gate    before a wave: the wave before is released and healthy through a bake (waves-gate.ts);
//   report  every wave's report in one table: job summary and its own sticky PR comment.
// Exit codes as everywhere: 0 done, 1 refused or a report missing, 2 bad usage or input.
import { resolve } from 'node:path';
import { Command } from 'commander';
import { readWavesFile } from '../config/waves-file.js';
import { wavesMatrix } from '../config/waves-matrix.js';
import { systemClock } from '../core/clock.js';
import { COMMENT_LIMIT } from '../report/markdown.js';
import { renderWavesMarkdown } from '../report/markdown/waves.js';
import { mergeWaveReports } from '../report/waves.js';
import { readWaveInputs } from '../report/waves-read.js';
import { consoleProgress } from './console-progress.js';
import { addGateCommand } from './waves-gate.js';
import { EXIT_FAILED, EXIT_OK, guarded, WavesUsageError, type WavesIo } from './waves-io.js';

export function addWavesCommands(program: Command, io: WavesIo, done: (code: number) => void): void {
  const waves = program
    .command('waves')
    .description(
      'Release a multi-region service wave by wave, from a waves file (lmi-cutover.waves.yml): plan the matrix, gate each wave on the one before, report every wave in one table.',
    );

  waves
    .command('plan')
    .description(
      'Validate the waves file and print its matrix as one line of JSON ({"include": [...]}, one entry per region and stack in release order) for a workflow\'s fromJSON. Calls no AWS.',
    )
    .requiredOption('--file <path>', 'the waves file')
    .action(async (flags: { file: string }) => {
      done(
        await guarded(io, async () => {
          io.stdout(`${JSON.stringify(wavesMatrix(await readWavesFile(io.cwd, flags.file)))}\n`);
          return EXIT_OK;
        }),
      );
    });

  addGateCommand(waves, io, done);

  waves
    .command('report')
    .description(
      "Merge the report JSON of every wave (and each gate's verdict) found under --reports into one table, one row per region and stack: wave, route before → after, result (released, failed, rolled back, refused, not run). Prints it, appends it to the job summary (GITHUB_STEP_SUMMARY) and, with --pr-number, posts it as its own sticky PR comment. Exits 1 when a target that should have run left no report.",
    )
    .requiredOption('--file <path>', 'the waves file (the release order)')
    .requiredOption('--reports <dir>', 'the folder the waves’ artifacts were downloaded to')
    .option('--pr-number <n>', 'the pull request to comment on (empty: no comment)')
    .option('--repository <owner/repo>', 'default: GITHUB_REPOSITORY')
    .option('--github-token <token>', 'default: GITHUB_TOKEN')
    .action(async (flags: ReportFlags) => {
      done(await guarded(io, () => runReport(flags, io)));
    });
}

interface ReportFlags {
  readonly file: string;
  readonly reports: string;
  readonly prNumber?: string;
  readonly repository?: string;
  readonly githubToken?: string;
}

function commentTarget(flags: ReportFlags, io: WavesIo) {
  const pr = flags.prNumber?.trim().replace(/^#/, '');
  if (!pr) return undefined;
  if (!/^\d+$/.test(pr) || Number(pr) < 1)
    throw new WavesUsageError(`--pr-number: "${flags.prNumber}" is not a pull request number`);
  const repository = flags.repository ?? io.env.GITHUB_REPOSITORY ?? '';
  const [owner, repo, ...rest] = repository.split('/');
  if (!owner || !repo || rest.length > 0)
    throw new WavesUsageError(`--repository: "${repository}" is not owner/repo (or set GITHUB_REPOSITORY)`);
  const token = flags.githubToken ?? io.env.GITHUB_TOKEN ?? '';
  if (!token) throw new WavesUsageError('--github-token (or GITHUB_TOKEN) is needed to comment');
  return {
    token,
    owner,
    repo,
    issueNumber: Number(pr),
    ...(io.env.GITHUB_API_URL ? { apiUrl: io.env.GITHUB_API_URL } : {}),
  };
}

async function runReport(flags: ReportFlags, io: WavesIo): Promise<number> {
  const plan = await readWavesFile(io.cwd, flags.file);
  const comment = commentTarget(flags, io);
  const found = await readWaveInputs(resolve(io.cwd, flags.reports));
  for (const p of found.problems) io.stderr(`error: ${p}\n`);
  const summary = mergeWaveReports(plan, found);
  io.stdout(renderWavesMarkdown(summary, { limit: COMMENT_LIMIT }));
  const summaryPath = io.env.GITHUB_STEP_SUMMARY || undefined;
  if (summaryPath || comment) {
    const { publishWavesReport } = await import('../github/waves-report.js');
    const log = consoleProgress(io, io.clock ?? systemClock);
    await publishWavesReport(
      summary,
      { ...(summaryPath ? { summaryPath } : {}), ...(comment ? { comment } : {}) },
      log,
    );
  }
  if (summary.missing.length > 0)
    io.stderr(
      `error: ${summary.missing.join(', ')} should have run and left no report; a wave that cannot be shown is not a pass.\n`,
    );
  return summary.missing.length > 0 || found.problems.length > 0 ? EXIT_FAILED : EXIT_OK;
}
