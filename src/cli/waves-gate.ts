// `lmi-cutover waves gate`: the step before every wave after the first. The targets of the wave
// before come from --previous (as the matrix gives them); with --file their alarms, endpoint and
// the app's checks file come from the waves file. Prints one line per target, writes the verdict
// for `waves report` (--result-path), and exits 1 when it refuses, which fails the step and
// halts every later wave.
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import { Command } from 'commander';
import { parseTargetKey, readWavesFile, targetKey, type WavesPlan } from '../config/waves-file.js';
import { systemClock } from '../core/clock.js';
import { describeRoute } from '../core/domain.js';
import { createPipelineContext } from '../pipeline/run.js';
import { gatePreviousWave, type GateTarget, type GateVerdict } from '../pipeline/waves/gate.js';
import { newRunId } from '../pipeline/webhook/request.js';
import { GATE_RECORD_KIND, type GateRecord } from '../report/waves-gate.js';
import { readWaveInputs } from '../report/waves-read.js';
import { consoleProgress } from './console-progress.js';
import { EXIT_FAILED, EXIT_OK, guarded, WavesUsageError, type WavesIo } from './waves-io.js';

interface GateFlags {
  readonly previous: string;
  readonly bakeSeconds: string;
  readonly file?: string;
  readonly reports?: string;
  readonly probeRate?: string;
  readonly alarmNames?: string;
  readonly checks?: string;
  readonly endpointUrl?: string;
  readonly resultPath?: string;
  readonly for?: string;
  readonly verbose?: boolean;
}

export function addGateCommand(waves: Command, io: WavesIo, done: (code: number) => void): void {
  waves
    .command('gate')
    .description(
      "Before a wave starts: refuse unless every target of the wave before is released — its stage sends all production traffic to the LMI version its release put there (its report's, with --reports; else its stack's LmiVersion output) — and stays healthy for --bake-seconds: probes through its stage (signed webhooks, or the checks file's load request) all answer from that version, and its alarms are not in ALARM. Exits 1 when it refuses.",
    )
    .requiredOption('--previous <targets>', 'the wave before: region/stack-name, separated by commas')
    .requiredOption('--bake-seconds <n>', 'how long to probe the wave before (0: a short re-check)')
    .option(
      '--file <path>',
      "the waves file: each target's alarm-names and endpoint-url, the checks file, the probe rate",
    )
    .option(
      '--reports <dir>',
      "the wave before's report JSONs (its downloaded artifacts): each target must have one that released",
    )
    .option(
      '--probe-rate <n>',
      'probes per second through each stage (default: the file’s probe-rate, else 2)',
    )
    .option(
      '--alarm-names <names>',
      'alarms, separated by commas, checked in every --previous target’s region',
    )
    .option(
      '--checks <path>',
      'the checks file of an app that is not the bundled webhook (default: the file’s)',
    )
    .option('--endpoint-url <url>', 'a local cloud for targets the waves file gives no endpoint-url')
    .option('--result-path <path>', 'write the verdict as JSON, for `waves report`')
    .option('--for <target>', 'the region/stack-name about to be released (recorded in the verdict)')
    .option('--verbose', 'print debug lines')
    .action(async (flags: GateFlags) => {
      done(await guarded(io, () => runGate(flags, io)));
    });
}

function number(flag: string, text: string, ok: (n: number) => boolean): number {
  const n = Number(text);
  if (text.trim() === '' || !Number.isFinite(n) || !ok(n))
    throw new WavesUsageError(`${flag}: "${text}" is not valid`);
  return n;
}

function targetsOf(flags: GateFlags, plan: WavesPlan | undefined): (GateTarget & { endpointUrl?: string })[] {
  const extra = (flags.alarmNames ?? '')
    .split(/[,\n]/)
    .map((s) => s.trim())
    .filter(Boolean);
  const keys = flags.previous
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
  if (keys.length === 0) throw new WavesUsageError('--previous: name at least one region/stack-name');
  const inFile = new Map(plan?.waves.flatMap((w) => w.targets.map((t) => [targetKey(t), t] as const)));
  return keys.map((key) => {
    const parsed = parseTargetKey(key);
    if (!parsed)
      throw new WavesUsageError(`--previous: "${key}" is not region/stack-name (us-east-1/webhook-prod)`);
    const listed = inFile.get(targetKey(parsed));
    if (plan && !listed) throw new WavesUsageError(`--previous: ${key} is not a target of ${flags.file}`);
    const endpointUrl = listed?.endpointUrl ?? flags.endpointUrl;
    return {
      ...parsed,
      alarmNames: [...new Set([...(listed?.alarmNames ?? []), ...extra])],
      ...(endpointUrl ? { endpointUrl } : {}),
    };
  });
}

function printVerdict(verdict: GateVerdict, io: WavesIo): void {
  for (const v of verdict.previous) {
    const route = v.route ? describeRoute(v.route) : 'route unknown';
    const probes = `${v.probes.sent} probes, ${v.probes.failed} failed`;
    const state = v.problems.length === 0 ? 'released and healthy' : `REFUSED: ${v.problems.join('; ')}`;
    io.stdout(`${v.region}/${v.stackName}  ${route}  ${probes}  ${state}\n`);
  }
}

async function runGate(flags: GateFlags, io: WavesIo): Promise<number> {
  const bakeSeconds = number('--bake-seconds', flags.bakeSeconds, (n) => Number.isInteger(n) && n >= 0);
  const plan = flags.file ? await readWavesFile(io.cwd, flags.file) : undefined;
  const probeRate = flags.probeRate
    ? number('--probe-rate', flags.probeRate, (n) => n > 0 && n <= 100)
    : (plan?.probeRate ?? 2);
  const forTarget = flags.for ? parseTargetKey(flags.for) : undefined;
  if (flags.for && !forTarget) throw new WavesUsageError(`--for: "${flags.for}" is not region/stack-name`);
  const targets = targetsOf(flags, plan);
  const clock = io.clock ?? systemClock;
  const progress = consoleProgress(io, clock, { verbose: flags.verbose === true });
  let reports;
  if (flags.reports) {
    const found = await readWaveInputs(resolve(io.cwd, flags.reports));
    for (const p of found.problems) io.stderr(`warning: ${p}\n`);
    reports = found.reports;
  }
  const checks = flags.checks ?? plan?.checks;
  const verdict = await gatePreviousWave(
    targets,
    {
      bakeSeconds,
      probeRate,
      runId: newRunId(),
      cwd: io.cwd,
      ...(checks ? { checksFile: checks } : {}),
      ...(reports ? { reports } : {}),
    },
    (t) => {
      const endpointUrl = targets.find(
        (x) => x.region === t.region && x.stackName === t.stackName,
      )?.endpointUrl;
      return createPipelineContext({
        config: { region: t.region, endpointUrl },
        progress,
        clock,
        aws: { env: io.env },
      });
    },
    progress,
  );
  printVerdict(verdict, io);
  if (flags.resultPath) {
    const record: GateRecord = {
      kind: GATE_RECORD_KIND,
      schemaVersion: 1,
      at: new Date(clock.now()).toISOString(),
      ...(forTarget ? { for: forTarget } : {}),
      ...verdict,
    };
    const path = resolve(io.cwd, flags.resultPath);
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, `${JSON.stringify(record, null, 2)}\n`, 'utf8');
  }
  return verdict.passed ? EXIT_OK : EXIT_FAILED;
}
