// The isolation check: concurrent requests on one LMI environment share its module state, so
// a handler that keeps per-request data in globals answers one request with another's ids or
// stores one delivery twice and another never. Two sources must agree:
//   - every answer carries its own ids: the request_id in the body is the invocation's own
//     (Lambda's x-amzn-RequestId), and no two answers share a request_id or an event_id;
//   - every accepted delivery is stored exactly once, and the stored event is the one its
//     answer named (same event_id and request_id) — read back from the events table.
import type { StoredCheckEvent } from '../../webhook/events-table.js';
import { isAccepted, type Sample } from './sample.js';

export interface IsolationResult {
  readonly passed: boolean;
  /** Answers or stored events whose ids belong to another request. */
  readonly mismatchedIds: number;
  /** Accepted deliveries found in the table. */
  readonly stored: number;
  /** Accepted deliveries (201 stored). */
  readonly expectedStored: number;
  /** Extra events beyond one per delivery. */
  readonly duplicates: number;
  /** Up to MAX_PROBLEMS examples, each naming the delivery. */
  readonly problems: readonly string[];
}

const MAX_PROBLEMS = 10;

export function checkIsolation(
  samples: readonly Sample[],
  storedByDelivery: ReadonlyMap<string, readonly StoredCheckEvent[]>,
): IsolationResult {
  const problems: string[] = [];
  const note = (p: string) => {
    if (problems.length < MAX_PROBLEMS) problems.push(p);
  };
  const mismatched = new Set<number>();
  const mismatch = (s: Sample, why: string) => {
    mismatched.add(s.seq);
    note(`${s.id}: ${why}`);
  };

  const answered = samples.filter(
    (s) => s.outcome === 'answered' && s.statusCode !== undefined && s.statusCode < 500,
  );
  const byRequestId = countBy(answered, (s) => s.requestId);
  const byEventId = countBy(answered.filter(isAccepted), (s) => s.eventId);

  for (const s of answered) {
    if (!s.requestId) {
      if (isAccepted(s)) mismatch(s, 'answer carries no request_id');
    } else if (s.invocationId && s.requestId !== s.invocationId) {
      mismatch(s, `answer carries request_id ${s.requestId}, but its invocation was ${s.invocationId}`);
    } else if ((byRequestId.get(s.requestId) ?? 0) > 1) {
      mismatch(s, `request_id ${s.requestId} appears in ${byRequestId.get(s.requestId)} answers`);
    }
    if (isAccepted(s) && s.eventId && (byEventId.get(s.eventId) ?? 0) > 1) {
      mismatch(s, `event_id ${s.eventId} appears in ${byEventId.get(s.eventId)} answers`);
    }
  }

  let stored = 0;
  const accepted = samples.filter(isAccepted);
  for (const s of accepted) {
    const events = storedByDelivery.get(s.id) ?? [];
    if (events.length === 0) {
      note(`${s.id}: answered 201 stored, but no event in the table`);
      continue;
    }
    stored++;
    const own = events.find((e) => e.eventId === s.eventId);
    if (!own) {
      mismatch(
        s,
        `answered event_id ${s.eventId}, but the table holds ${events.map((e) => e.eventId).join(', ')}`,
      );
    } else if (s.requestId && own.requestId && own.requestId !== s.requestId) {
      mismatch(s, `stored with request_id ${own.requestId}, but answered by ${s.requestId}`);
    }
  }

  let duplicates = 0;
  for (const s of samples) {
    const count = storedByDelivery.get(s.id)?.length ?? 0;
    if (count > 1) {
      duplicates += count - 1;
      note(`${s.id}: stored ${count} times`);
    }
  }

  const result = {
    mismatchedIds: mismatched.size,
    stored,
    expectedStored: accepted.length,
    duplicates,
    problems,
  };
  return { ...result, passed: result.mismatchedIds === 0 && stored === accepted.length && duplicates === 0 };
}

function countBy<T>(items: readonly T[], key: (item: T) => string | undefined): Map<string, number> {
  const counts = new Map<string, number>();
  for (const item of items) {
    const k = key(item);
    if (k !== undefined) counts.set(k, (counts.get(k) ?? 0) + 1);
  }
  return counts;
}
