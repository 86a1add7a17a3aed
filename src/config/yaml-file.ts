// What the checks file and the waves file share: read the file, parse its YAML with line
// numbers, and turn schema problems into lines that name a path in the file and its line.
import { readFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { isMap, isSeq, LineCounter, parseDocument, type Document } from 'yaml';
import type { z } from 'zod';
import { CutoverError } from '../core/errors.js';

/** The file's text; INVALID_INPUT naming the file (`what`: the input it came from) otherwise. */
export async function readInputFile(cwd: string, path: string, what: string): Promise<string> {
  try {
    return await readFile(resolve(cwd, path), 'utf8');
  } catch (e) {
    throw new CutoverError('INVALID_INPUT', `${what}: cannot read ${path}: ${(e as Error).message}`);
  }
}

export interface YamlFile {
  readonly doc: Document;
  readonly lines: LineCounter;
  /** YAML syntax errors, one line each with its line number; empty when it parsed. */
  readonly syntaxProblems: string[];
}

export function parseYamlFile(text: string): YamlFile {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines, prettyErrors: false });
  const syntaxProblems = doc.errors.map(
    (e) => `line ${lines.linePos(e.pos[0]).line}: ${e.message.split('\n')[0]}`,
  );
  return { doc, lines, syntaxProblems };
}

/** One problem per schema issue: its path in the file, the message, and the line when known. */
export function schemaProblems(
  file: YamlFile,
  issues: readonly z.core.$ZodIssue[],
): { line: number; text: string }[] {
  return issues.map((issue) => {
    const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
    // An unknown key is on its own line, not on its parent's.
    const at = issue.code === 'unrecognized_keys' && issue.keys[0] ? [...path, issue.keys[0]] : path;
    const line = lineOf(file.doc, file.lines, at);
    return {
      line: line ?? 0,
      text: `${formatPath(path) || '(file)'}: ${issue.message}${line ? ` (line ${line})` : ''}`,
    };
  });
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
