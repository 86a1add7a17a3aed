// The `checks` input: the user's own smoke checks (and the request the concurrency check would
// send) for an app that is not the bundled webhook workload. A YAML file, validated as a whole:
// every problem is reported at once, by its path in the file and its line, in one error.
import { z } from 'zod';
import { CutoverError } from '../core/errors.js';
import { parseYamlFile, readInputFile, schemaProblems } from './yaml-file.js';

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'] as const;
const stringMap = z.record(z.string(), z.union([z.string(), z.number(), z.boolean()]).transform(String));

const requestSchema = z.strictObject({
  method: z
    .string()
    .transform((m) => m.toUpperCase())
    .pipe(z.enum(METHODS)),
  path: z.string().regex(/^\//, 'a path starting with /'),
  query: stringMap.optional(),
  headers: stringMap.optional(),
  // A string is sent as it is; anything else as JSON.
  body: z.unknown().optional(),
});

const regexSource = z.string().refine((s) => {
  try {
    new RegExp(s);
    return true;
  } catch {
    return false;
  }
}, 'a valid regular expression');

const expectSchema = z
  .strictObject({
    status: z.number().int().min(100).max(599).optional(),
    json: z.unknown().optional(),
    headers: stringMap.optional(),
    bodyMatches: regexSource.optional(),
    maxLatencyMs: z.number().positive().optional(),
  })
  .refine((e) => Object.values(e).some((v) => v !== undefined), 'at least one expectation');

const checkSchema = z.strictObject({
  name: z.string().min(1),
  request: requestSchema,
  expect: expectSchema,
  /** With a `signing` section: false sends this check unsigned (to prove the app refuses it). */
  signed: z.boolean().optional(),
});

/** Where the signing secret is: an SSM parameter, by name or named in the LMI function's environment. */
const secretSchema = z.union([
  z.strictObject({ ssmParameter: z.string().min(1) }),
  z.strictObject({
    functionEnvironment: z.string().regex(/^[A-Za-z_][A-Za-z0-9_]*$/, 'an environment variable name'),
  }),
]);

/** The bundled webhook's scheme before Standard Webhooks: refused with what to write instead. */
const RETIRED_SCHEME = 'lmi-cutover-hmac';

/**
 * How requests are signed. `standard-webhooks` (standardwebhooks.com, the bundled webhook's):
 * `webhook-id` (a fresh delivery id per request), `webhook-timestamp` and `webhook-signature:
 * v1,<base64 HMAC-SHA256 of "<id>.<timestamp>.<body>">`, one entry per `whsec_` secret the
 * parameter holds.
 */
const signingSchema = z.strictObject({
  scheme: z.literal('standard-webhooks', {
    error: (issue) =>
      issue.input === RETIRED_SCHEME
        ? `${RETIRED_SCHEME} is no longer supported (its MAC left the delivery id out); write scheme: standard-webhooks, ` +
          'and put whsec_ secrets in the SSM parameter (README: Signing webhooks)'
        : 'standard-webhooks (the one scheme supported)',
  }),
  secret: secretSchema,
});

const fileSchema = z.strictObject({
  signing: signingSchema.optional(),
  checks: z.array(checkSchema).min(1),
  load: z.strictObject({ request: requestSchema, expect: expectSchema }).optional(),
});

export type CheckRequestSpec = z.output<typeof requestSchema>;
export type CheckExpectation = z.output<typeof expectSchema>;
export type CheckSpec = z.output<typeof checkSchema>;
export type ChecksFile = z.output<typeof fileSchema>;
export type SigningSpec = z.output<typeof signingSchema>;

/** Reads and validates the checks file; INVALID_INPUT listing every problem when it is not valid. */
export async function readChecksFile(cwd: string, path: string): Promise<ChecksFile> {
  return parseChecksFile(await readInputFile(cwd, path, 'checks'), path);
}

export function parseChecksFile(text: string, source: string): ChecksFile {
  const file = parseYamlFile(text);
  if (file.syntaxProblems.length > 0) throw invalid(source, file.syntaxProblems);
  const parsed = fileSchema.safeParse(file.doc.toJS());
  if (parsed.success) {
    const names = parsed.data.checks.map((c) => c.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    // Names identify checks in the report and in SMOKE_FAILED.
    if (twice.length > 0)
      throw invalid(source, [`checks: the name ${JSON.stringify(twice[0])} is used twice`]);
    return parsed.data;
  }
  // In the order of the file, as a reader fixes them.
  const problems = schemaProblems(file, parsed.error.issues);
  throw invalid(
    source,
    problems.sort((a, b) => a.line - b.line).map((p) => p.text),
  );
}

function invalid(source: string, problems: string[]): CutoverError {
  return new CutoverError(
    'INVALID_INPUT',
    `checks: ${source} is not a valid checks file (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${problems.join('; ')}`,
    problems,
  );
}
