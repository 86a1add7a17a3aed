// What `lmi-cutover waves gate` decided before a wave, as the JSON it leaves next to the wave's
// report (`--result-path`): `waves report` reads it to say why a wave did not release. Written
// by the gate, read back through this schema, so a foreign file is never taken for a verdict.
import { z } from 'zod';
import { routeSchema, versionRefSchema } from '../core/route-schema.js';
import type { Route, VersionRef } from '../core/domain.js';

export const GATE_RECORD_KIND = 'lmi-cutover-waves-gate';

export interface GateTargetVerdict {
  readonly region: string;
  readonly stackName: string;
  /** The stage's route as read (after the bake when it baked). */
  readonly route?: Route;
  /** The LMI version the release put in production. */
  readonly expected?: VersionRef;
  readonly probes: { readonly sent: number; readonly failed: number };
  /** Alarms in ALARM, or that do not exist, during the bake. */
  readonly alarms: string[];
  /** Why this target refuses the next wave; empty when it is released and healthy. */
  readonly problems: string[];
}

export interface GateRecord {
  readonly kind: typeof GATE_RECORD_KIND;
  readonly schemaVersion: 1;
  readonly at: string;
  /** The target about to be released, when the gate was told (`--for`). */
  readonly for?: { readonly region: string; readonly stackName: string };
  readonly passed: boolean;
  readonly bakeSeconds: number;
  readonly previous: GateTargetVerdict[];
}

const target = z.object({ region: z.string().min(1), stackName: z.string().min(1) });

export const gateRecordSchema = z.object({
  kind: z.literal(GATE_RECORD_KIND),
  schemaVersion: z.literal(1),
  at: z.string().min(1),
  for: target.optional(),
  passed: z.boolean(),
  bakeSeconds: z.number(),
  previous: z.array(
    target.extend({
      route: routeSchema.optional(),
      expected: versionRefSchema.optional(),
      probes: z.object({ sent: z.number(), failed: z.number() }),
      alarms: z.array(z.string()),
      problems: z.array(z.string()),
    }),
  ),
});

// Compile-time check both ways, as schema.ts does for the report.
type Mutual<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const _schemaMatchesModel: Mutual<z.infer<typeof gateRecordSchema>, GateRecord> = true;
void _schemaMatchesModel;
