// The `checks` file: a good one parses with its defaults applied; a bad one is ONE
// INVALID_INPUT listing every problem by its path in the file and its line.
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from '@jest/globals';
import { parseChecksFile, readChecksFile } from '../../src/config/checks-file.js';
import { CutoverError } from '../../src/core/errors.js';

const GOOD = `checks:
  - name: ping
    request: { method: get, path: /ping }
    expect: { status: 200, json: { ok: true } }
  - name: create order
    request: { method: POST, path: /orders, headers: { content-type: application/json }, body: { sku: A-1, qty: 2 } }
    expect: { status: 201, json: { sku: A-1 }, headers: { Content-Type: application/json }, bodyMatches: 'A-\\d', maxLatencyMs: 500 }
load:
  request: { method: POST, path: /orders, query: { dry: 1 }, body: '{"sku":"L-1","qty":1}' }
  expect: { status: 201 }
`;

function problemsOf(text: string): CutoverError {
  try {
    parseChecksFile(text, 'checks.yaml');
  } catch (e) {
    if (e instanceof CutoverError) return e;
    throw e;
  }
  throw new Error('expected the file to be refused');
}

describe('parseChecksFile', () => {
  it('reads a good file: methods upper-cased, header and query values as strings, bodies kept', () => {
    const file = parseChecksFile(GOOD, 'checks.yaml');
    expect(file.checks.map((c) => c.name)).toEqual(['ping', 'create order']);
    expect(file.checks[0]!.request).toEqual({ method: 'GET', path: '/ping' });
    expect(file.checks[1]!.request.body).toEqual({ sku: 'A-1', qty: 2 });
    expect(file.checks[1]!.expect).toMatchObject({ bodyMatches: 'A-\\d', maxLatencyMs: 500 });
    expect(file.load?.request).toMatchObject({ query: { dry: '1' }, body: '{"sku":"L-1","qty":1}' });
  });

  it('refuses every problem of a bad file at once, each with its path and line', () => {
    const e = problemsOf(`checks:
  - name: ping
    request: { method: FETCH, path: ping }
    expect: { status: "200" }
  - request: { method: GET, path: /x }
    expect: {}
  - name: extra
    request: { method: GET, path: /y }
    expect: { status: 200, bodyMatches: "(" }
    retries: 3
`);
    expect(e.code).toBe('INVALID_INPUT');
    expect(e.message).toMatch(/^checks: checks.yaml is not a valid checks file \(7 problems\)/);
    expect(e.details).toEqual([
      expect.stringMatching(/^checks\[0\]\.request\.method: .* \(line 3\)$/),
      expect.stringMatching(/^checks\[0\]\.request\.path: .*a path starting with \/.* \(line 3\)$/),
      expect.stringMatching(/^checks\[0\]\.expect\.status: .*expected number.* \(line 4\)$/),
      expect.stringMatching(/^checks\[1\]\.name: .* \(line 5\)$/),
      expect.stringMatching(/^checks\[1\]\.expect: at least one expectation \(line 6\)$/),
      'checks[2].expect.bodyMatches: a valid regular expression (line 9)',
      'checks[2]: Unrecognized key: "retries" (line 10)',
    ]);
  });

  it('refuses a file without checks, a YAML syntax error with its line, and a name used twice', () => {
    expect(problemsOf('load: {}\n').details).toEqual([
      expect.stringMatching(/^checks: .*expected array.*/),
      expect.stringMatching(/^load\.request: /),
      expect.stringMatching(/^load\.expect: /),
    ]);
    expect(problemsOf('checks:\n  - name: [a\n').details[0]).toMatch(/^line \d+: /);
    const twice =
      'checks:\n' + '  - { name: a, request: { method: GET, path: / }, expect: { status: 200 } }\n'.repeat(2);
    expect(problemsOf(twice).details).toEqual(['checks: the name "a" is used twice']);
  });

  it('reads the file relative to the working directory, and names a missing one', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'checks-file-'));
    try {
      await writeFile(join(dir, 'checks.yaml'), GOOD);
      expect((await readChecksFile(dir, 'checks.yaml')).checks).toHaveLength(2);
      await expect(readChecksFile(dir, 'nope.yaml')).rejects.toMatchObject({
        code: 'INVALID_INPUT',
        message: expect.stringContaining('checks: cannot read nope.yaml'),
      });
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});
