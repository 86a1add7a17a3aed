// The routing contract a template declares under `Metadata: lmi-cutover`: which function is the
// LMI one, which is the standard twin, which REST API's stage routes between them and through
// which stage variable. `lmi-cutover init` writes it; the bundled workload declares the same.
// With it the pipeline finds everything it needs in the stack's resources, whatever the
// template names its outputs.
import { z } from 'zod';
import { CutoverError } from '../../../core/errors.js';

const CONTRACT_KEY = 'lmi-cutover';

const logicalId = z.string().regex(/^[A-Za-z0-9]+$/, 'a logical id (letters and digits)');

const contractSchema = z.strictObject({
  contract: z.literal(1),
  lmiFunction: logicalId,
  standardFunction: logicalId,
  restApi: logicalId,
  // The release model's stage variables are fixed; another name would route nothing.
  stageVariable: z.literal('liveFunction'),
  /** The bundled webhook's events table (its checks read deliveries back). */
  eventsTable: logicalId.optional(),
});

export type RoutingContract = z.output<typeof contractSchema>;

/**
 * The contract in a template's Metadata (an object, or the JSON string GetTemplateSummary
 * returns); undefined when the template declares none. INVALID_INPUT listing every problem.
 */
export function routingContractOf(metadata: unknown, source: string): RoutingContract | undefined {
  let value = metadata;
  if (typeof value === 'string') {
    if (value.trim() === '') return undefined;
    try {
      value = JSON.parse(value);
    } catch {
      return undefined;
    }
  }
  if (value === null || typeof value !== 'object' || !(CONTRACT_KEY in value)) return undefined;
  const parsed = contractSchema.safeParse((value as Record<string, unknown>)[CONTRACT_KEY]);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map(
    (i) => `Metadata.${CONTRACT_KEY}${i.path.map((p) => `.${String(p)}`).join('')}: ${i.message}`,
  );
  throw new CutoverError(
    'INVALID_INPUT',
    `${source} declares a routing contract under Metadata.${CONTRACT_KEY} that is not valid (${problems.join('; ')}). ` +
      'Write it as `lmi-cutover init` does: contract: 1, lmiFunction, standardFunction, restApi, stageVariable: liveFunction.',
    problems,
  );
}
