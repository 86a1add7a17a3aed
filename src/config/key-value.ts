// `Key=Value` lists as people write them in workflow files: pairs separated by spaces or
// newlines, values may contain commas and `=`, quotes protect spaces. Or a JSON/YAML file.
import { readFileSync } from 'node:fs';
import { isAbsolute, normalize, resolve } from 'node:path';
import { parse } from 'yaml';

export class KeyValueSyntaxError extends Error {}

// Key, `=`, then a double-quoted (backslash escapes), single-quoted or bare value.
const PAIR = /([^\s=]+)=("(?:[^"\\]|\\.)*"|'[^']*'|\S*)/y;

/**
 * Parses `A=1 B="x y" C=a,b` into ordered pairs; throws KeyValueSyntaxError with the reason,
 * which names keys and positions but never a value (a parameter may be a password).
 */
export function parseKeyValueText(text: string): Array<[string, string]> {
  const pairs: Array<[string, string]> = [];
  let pos = 0;
  for (;;) {
    while (pos < text.length && /\s/.test(text[pos] ?? '')) pos++;
    if (pos >= text.length) return pairs;
    PAIR.lastIndex = pos;
    const match = PAIR.exec(text);
    const after = text[PAIR.lastIndex];
    if (!match || (after !== undefined && !/\s/.test(after))) {
      const key = /^[^\s=]+(?==)/.exec(text.slice(pos))?.[0];
      throw new KeyValueSyntaxError(
        key
          ? `the value of ${key} (at character ${pos + 1}) is not a bare word or a closed quote`
          : `expected Key=Value at character ${pos + 1}`,
      );
    }
    const raw = match[2] ?? '';
    // A bare value that starts with a quote is a quote never closed: `A="x` must not become `"x`.
    if (/^["']/.test(raw) && !(raw.length >= 2 && raw.endsWith(raw[0]!)))
      throw new KeyValueSyntaxError(
        `the value of ${match[1]} opens a ${raw[0] === '"' ? 'double' : 'single'} quote that is never closed`,
      );
    pairs.push([match[1] ?? '', unquote(raw)]);
    pos = PAIR.lastIndex;
  }
}

function unquote(value: string): string {
  if (value.length >= 2 && value.startsWith('"') && value.endsWith('"')) {
    return value.slice(1, -1).replace(/\\(.)/g, '$1');
  }
  if (value.length >= 2 && value.startsWith("'") && value.endsWith("'")) return value.slice(1, -1);
  return value;
}

/** `a/../../b` climbs out of the directory it is resolved against. */
export const escapesDirectory = (p: string): boolean => {
  const n = normalize(p);
  return n === '..' || n.startsWith('../');
};

/** A value without `=` is read as a file path; anything else as inline pairs. */
export const looksLikeFilePath = (text: string): boolean => !text.includes('=');

/**
 * Reads `{"Key": "Value"}`, `{"Parameters": {...}}` (CodePipeline's template configuration)
 * or `[{"ParameterKey": "K", "ParameterValue": "V"}]` (the AWS CLI's form) from JSON or YAML.
 */
export function readKeyValueFile(path: string, cwd: string, section: 'Parameters' | 'Tags') {
  if (!isAbsolute(path) && escapesDirectory(path))
    throw new KeyValueSyntaxError(
      'the file path leaves the working directory (give an absolute path to mean it)',
    );
  let text: string;
  try {
    text = readFileSync(resolve(cwd, path), 'utf8');
  } catch (e) {
    throw new KeyValueSyntaxError(`cannot read the file: ${(e as NodeJS.ErrnoException).code ?? String(e)}`);
  }
  let data: unknown;
  try {
    data = parse(text);
  } catch (e) {
    throw new KeyValueSyntaxError(
      `the file is not valid JSON or YAML: ${(e as Error).message.split('\n')[0]}`,
    );
  }
  return keyValuesFromData(data, section);
}

function keyValuesFromData(data: unknown, section: 'Parameters' | 'Tags'): Array<[string, string]> {
  if (Array.isArray(data)) {
    return data.map((item, i) => {
      const entry = item as Record<string, unknown> | null;
      const key = entry?.ParameterKey ?? entry?.Key;
      const value = entry?.ParameterValue ?? entry?.Value;
      if (typeof key !== 'string') throw new KeyValueSyntaxError(`item ${i + 1} has no ParameterKey`);
      return [key, scalarToString(key, value)];
    });
  }
  if (data && typeof data === 'object') {
    const record = data as Record<string, unknown>;
    const inner = record[section];
    const map = inner && typeof inner === 'object' && !Array.isArray(inner) ? inner : record;
    return Object.entries(map as Record<string, unknown>).map(([k, v]) => [k, scalarToString(k, v)]);
  }
  throw new KeyValueSyntaxError('the file holds neither a mapping nor a list');
}

function scalarToString(key: string, value: unknown): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  // CommaDelimitedList parameters are often written as lists in files.
  if (Array.isArray(value) && value.every((v) => ['string', 'number', 'boolean'].includes(typeof v))) {
    return value.join(',');
  }
  throw new KeyValueSyntaxError(`the value of ${key} is not a string, number, boolean or list of them`);
}
