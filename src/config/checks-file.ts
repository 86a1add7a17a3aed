// The `checks` input: the user's own smoke checks (and the request the concurrency check would
// send) for an app that is not the bundled webhook workload. A YAML file, validated as a whole:
// every problem is reported at once, by its path in the file and its line, in one error.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import { z } from 'zod';
import { CutoverError } from '../core/errors.js';

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
  let text: string;
  try {
    text = await readFile(resolve(cwd, path), 'utf8');
  } catch (e) {
    throw new CutoverError('INVALID_INPUT', `checks: cannot read ${path}: ${(e as Error).message}`);
  }
  return parseChecksFile(text, path);
}

export function parseChecksFile(text: string, source: string): ChecksFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  if (doc.errors.length > 0) {
    const problems = doc.errors.map(
      (e) => `line ${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`,
    );
    throw invalid(source, problems);
  }
  const parsed = fileSchema.safeParse(doc.toJS());
  if (parsed.success) {
    const names = parsed.data.checks.map((c) => c.name);
    const twice = names.filter((n, i) => names.indexOf(n) !== i);
    // Names identify checks in the report and in SMOKE_FAILED.
    if (twice.length > 0)
      throw invalid(source, [`checks: the name ${JSON.stringify(twice[0])} is used twice`]);
    return parsed.data;
  }
  const problems = parsed.error.issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // An unknown key is on its own line, not on its parent's.
    const at = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...path, issue.keys[0]] : path;
    const line = lineOf(doc, lines, at);
    return {
      line: line ?? 0,
      text: `${formatPath(path) || '(file)'}: ${issue.message}${line ? ` (line ${line})` : ''}`,
    };
  });
  // In the order of the file, as a reader fixes them.
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

/** `checks[1].expect.status`. */
export function formatPath(path: readonly (string | number)[]): string {
  return path.map((p, i) => (typeof p === 'number' ? `[${p}]` : i === 0 ? p : `.${p}`)).join('');
}

/** The line of the deepest node the path reaches (an unknown key points at its parent). */
export function lineOf(
  doc: Document,
  lines: LineCounter,
  path: readonly (string | number)[],
): number | undefined {
  let node: unknown = doc.contents;
  let line: number | undefined;
  const lineOfNode = (n: unknown) => {
    const range = (n as { range?: [number, number, number] } | null)?.range;
    return range ? lines.linePos(range[0]).line : undefined;
  };
  line = lineOfNode(node);
  for (const key of path) {
    if (isMap(node) || isSeq(node)) node = node.get(key, true);
    else break;
    line = lineOfNode(node) ?? line;
  }
  return line;
}
