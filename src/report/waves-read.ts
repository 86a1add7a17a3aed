// The reports and gate verdicts the waves' jobs left, from the folder their artifacts were
// downloaded to (one sub-folder per artifact). Every JSON file is looked at; files that are
// neither an lmi-cutover report nor a gate verdict are not ours and are skipped, but a file that
// claims to be one and is not valid is a problem: a report that cannot be read is not a pass.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { readReportJson, ReportFileError } from './json.js';
import type { Report } from './model.js';
import { GATE_RECORD_KIND, gateRecordSchema, type GateRecord } from './waves-gate.js';

export interface WaveInputs {
  readonly reports: Report[];
  readonly gates: GateRecord[];
  /** Files that look like ours and cannot be read. */
  readonly problems: string[];
}

async function jsonFiles(dir: string): Promise<string[]> {
  try {
    const entries = await readdir(dir, { recursive: true, withFileTypes: true });
    return entries
      .filter((e) => e.isFile() && e.name.endsWith('.json'))
      .map((e) => join(e.parentPath, e.name))
      .sort();
  } catch (e) {
    // No artifact downloaded at all: no folder. The merge says which targets that leaves.
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
}

export async function readWaveInputs(dir: string): Promise<WaveInputs> {
  const found: WaveInputs = { reports: [], gates: [], problems: [] };
  for (const path of await jsonFiles(dir)) {
    let data: unknown;
    try {
      data = JSON.parse(await readFile(path, 'utf8'));
    } catch {
      continue; // not JSON: not ours
    }
    const claims = data as { kind?: unknown; tool?: { name?: unknown } } | null;
    if (claims?.kind === GATE_RECORD_KIND) {
      const gate = gateRecordSchema.safeParse(data);
      if (gate.success) found.gates.push(gate.data);
      else found.problems.push(`${path} is not a valid gate verdict:\n${z.prettifyError(gate.error)}`);
    } else if (claims?.tool?.name === 'lmi-cutover') {
      try {
        found.reports.push(await readReportJson(path));
      } catch (e) {
        if (!(e instanceof ReportFileError)) throw e;
        found.problems.push(e.message);
      }
    }
  }
  return found;
}
