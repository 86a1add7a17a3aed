// Decodes AWS query-protocol parameters (`Parameters.member.1.ParameterKey=...`) into the
// nested objects and arrays they stand for. An empty list arrives as `Capabilities=`, which
// stays an empty string; readers use queryList() to treat it as [].

type Segment = string | number;

function toSegments(key: string): Segment[] {
  const raw = key.split('.');
  const out: Segment[] = [];
  for (let i = 0; i < raw.length; i++) {
    const part = raw[i]!;
    if (part === 'member' && i + 1 < raw.length && /^\d+$/.test(raw[i + 1]!)) {
      out.push(Number(raw[i + 1]) - 1);
      i++;
    } else {
      out.push(part);
    }
  }
  return out;
}

export function parseQueryParams(params: URLSearchParams): Record<string, unknown> {
  const root: Record<string, unknown> = {};
  for (const [key, value] of params) {
    const segs = toSegments(key);
    let node: Record<string | number, unknown> = root;
    segs.forEach((seg, i) => {
      if (i === segs.length - 1) {
        node[seg] = value;
        return;
      }
      const next = segs[i + 1];
      if (node[seg] === undefined || typeof node[seg] !== 'object')
        node[seg] = typeof next === 'number' ? [] : {};
      node = node[seg] as Record<string | number, unknown>;
    });
  }
  return root;
}

/** A list member of a parsed query request: absent or `''` is an empty list. */
export function queryList<T = unknown>(v: unknown): T[] {
  if (Array.isArray(v)) return v.filter((x) => x !== undefined) as T[];
  return [];
}
