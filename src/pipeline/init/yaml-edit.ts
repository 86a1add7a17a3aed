// The template as an editable YAML document: comments, key order and the short-form intrinsics
// (!Ref, !Sub, !GetAtt …) survive, because the tags are kept on the nodes as written rather than
// resolved. New values are built with the same short forms, so the converted template reads
// like the one a person would have written.
import {
  isMap,
  isScalar,
  Pair,
  parseDocument,
  Scalar,
  YAMLMap,
  YAMLSeq,
  type Document,
  type Node,
} from 'yaml';
import { CutoverError } from '../../core/errors.js';

/** Parses without resolving CloudFormation's tags; a YAML syntax error names the line. */
export function loadTemplateDocument(text: string, source: string): Document {
  const doc = parseDocument(text, { prettyErrors: true, keepSourceTokens: false });
  if (doc.errors.length > 0) {
    throw new CutoverError(
      'TEMPLATE_INVALID',
      `The template ${source} cannot be parsed; fix the lines below.`,
      doc.errors.map((e) => `${source}:${e.linePos?.[0].line ?? '?'}: ${e.message.split('\n')[0]}`),
    );
  }
  return doc;
}

/** A YAML 1.1-safe dump of the edited document (`yes`, `0755` stay strings for other readers). */
export const dumpDocument = (doc: Document): string => doc.toString({ lineWidth: 0 });

function tagged<T extends Scalar | YAMLSeq>(node: T, tag: string, flow = false): T {
  node.tag = tag;
  if (flow && node instanceof YAMLSeq) node.flow = true;
  return node;
}

/** `!Ref name` */
export const ref = (name: string): Scalar => tagged(new Scalar(name), '!Ref');
/** `!GetAtt Resource.Attribute` */
export const getAtt = (path: string): Scalar => tagged(new Scalar(path), '!GetAtt');
/** `!Sub 'text'` */
export const sub = (text: string): Scalar => tagged(new Scalar(text), '!Sub');

/** A tagged sequence, `!If [Cond, a, b]`, written on one line. */
export function fn(tag: string, items: readonly unknown[], flow = true): YAMLSeq {
  const seq = new YAMLSeq();
  for (const item of items)
    seq.items.push(
      item instanceof Scalar || item instanceof YAMLSeq || item instanceof YAMLMap ? item : new Scalar(item),
    );
  return tagged(seq, tag, flow);
}

/** A mapping node from plain data whose values may already be nodes (tags kept). */
export function map(entries: Readonly<Record<string, unknown>>): YAMLMap {
  const m = new YAMLMap();
  for (const [k, v] of Object.entries(entries)) {
    if (v === undefined) continue;
    m.set(new Scalar(k), toNode(v));
  }
  return m;
}

function toNode(v: unknown): unknown {
  if (v instanceof Scalar || v instanceof YAMLSeq || v instanceof YAMLMap) return v;
  if (Array.isArray(v)) {
    const seq = new YAMLSeq();
    for (const item of v) seq.items.push(toNode(item));
    return seq;
  }
  if (typeof v === 'object' && v !== null) return map(v as Record<string, unknown>);
  return new Scalar(v);
}

/**
 * The top-level mapping `key`, created empty when absent: before Resources for the sections a
 * reader expects there (Parameters, Conditions, Metadata), at the end otherwise (Outputs).
 */
export function ensureMap(doc: Document, key: string): YAMLMap {
  const node = doc.get(key, true) as Node | undefined;
  if (isMap(node)) return node;
  const m = new YAMLMap();
  const root = doc.contents;
  const at = isMap(root) ? root.items.findIndex((p) => isScalar(p.key) && p.key.value === 'Resources') : -1;
  if (key !== 'Outputs' && isMap(root) && at >= 0) root.items.splice(at, 0, new Pair(new Scalar(key), m));
  else doc.set(key, m);
  return m;
}
