// Judges one answer against a user check's `expect`: every expectation that does not hold is
// one problem naming what differs, so SMOKE_FAILED says exactly why a check failed.
import type { CheckExpectation } from '../../../config/checks-file.js';
import { describeOutcome, type WebhookOutcome } from '../../webhook/answer.js';

/** What the check expects, in one line for the report: `201, json {"sku":"A-1"}`. */
export function describeExpectation(expect: CheckExpectation): string {
  const parts: string[] = [];
  if (expect.status !== undefined) parts.push(`status ${expect.status}`);
  if (expect.json !== undefined) parts.push(`json ⊇ ${JSON.stringify(expect.json)}`);
  if (expect.headers) parts.push(`headers ⊇ ${JSON.stringify(expect.headers)}`);
  if (expect.bodyMatches !== undefined) parts.push(`body ~ /${expect.bodyMatches}/`);
  if (expect.maxLatencyMs !== undefined) parts.push(`≤ ${expect.maxLatencyMs} ms`);
  return parts.join(', ');
}

/** The problems of an outcome; empty when it meets every expectation. */
export function judgeOutcome(expect: CheckExpectation, outcome: WebhookOutcome): string[] {
  if (outcome.kind !== 'answered') return [describeOutcome(outcome)];
  const { answer } = outcome;
  const problems: string[] = [];
  if (expect.status !== undefined && answer.statusCode !== expect.status)
    problems.push(`status ${answer.statusCode}, not ${expect.status}`);
  if (expect.json !== undefined) {
    let body: unknown;
    try {
      body = JSON.parse(answer.rawBody);
    } catch {
      problems.push(`body is not JSON: ${answer.rawBody.slice(0, 80) || '(empty)'}`);
    }
    if (body !== undefined) problems.push(...jsonDifferences(expect.json, body, '$'));
  }
  for (const [name, value] of Object.entries(expect.headers ?? {})) {
    const got = answer.headers[name.toLowerCase()];
    if (got !== value)
      problems.push(
        `header ${name} is ${got === undefined ? 'absent' : JSON.stringify(got)}, not ${JSON.stringify(value)}`,
      );
  }
  if (expect.bodyMatches !== undefined && !new RegExp(expect.bodyMatches).test(answer.rawBody))
    problems.push(`body does not match /${expect.bodyMatches}/: ${answer.rawBody.slice(0, 80) || '(empty)'}`);
  if (expect.maxLatencyMs !== undefined && outcome.latencyMs > expect.maxLatencyMs)
    problems.push(`took ${Math.round(outcome.latencyMs)} ms, over ${expect.maxLatencyMs} ms`);
  return problems;
}

/**
 * Where `actual` does not contain `expected`: objects by subset (deep), arrays element by
 * element with the same length, anything else by equality.
 */
export function jsonDifferences(expected: unknown, actual: unknown, at: string): string[] {
  if (Array.isArray(expected)) {
    if (!Array.isArray(actual)) return [`${at} is ${JSON.stringify(actual)}, not an array`];
    if (actual.length !== expected.length)
      return [`${at} has ${actual.length} items, not ${expected.length}`];
    return expected.flatMap((e, i) => jsonDifferences(e, actual[i], `${at}[${i}]`));
  }
  if (expected !== null && typeof expected === 'object') {
    if (actual === null || typeof actual !== 'object' || Array.isArray(actual))
      return [`${at} is ${JSON.stringify(actual)}, not an object`];
    const record = actual as Record<string, unknown>;
    return Object.entries(expected).flatMap(([k, v]) =>
      k in record ? jsonDifferences(v, record[k], `${at}.${k}`) : [`${at}.${k} is absent`],
    );
  }
  return Object.is(expected, actual)
    ? []
    : [`${at} is ${JSON.stringify(actual)}, not ${JSON.stringify(expected)}`];
}
