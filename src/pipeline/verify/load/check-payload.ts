// The Invoke payload of a check webhook, built from a template once per burst: the proxy event
// of toProxyEvent(checkWebhook(…)) serialised with markers where a request's own values go
// (delivery id, timestamp, signature, body, API Gateway's request id and time), cut at the
// markers, and joined again per request. The signature is HMAC-SHA256 through node:crypto, keyed
// by KeyObjects made once — what the standardwebhooks library computes, in a tenth of its time. A unit test holds every
// payload byte for byte to JSON.stringify(toProxyEvent(checkWebhook(…))).
import { createHmac, createSecretKey, randomUUID, type KeyObject } from 'node:crypto';
import { apiGatewayTime, toProxyEvent, type StageContext } from '../../webhook/proxy-event.js';
import { checkBody, checkDeliveryId, type CheckMark } from '../../webhook/request.js';
import { ID_HEADER, SIGNATURE_HEADER, TIMESTAMP_HEADER } from '../../webhook/signature.js';

export interface CheckPayloadShape {
  readonly stage: StageContext;
  readonly mark: Omit<CheckMark, 'seq'>;
  /** The signing secrets as the parameter holds them (`whsec_…`, each already validated). */
  readonly secrets: readonly string[];
  /** API Gateway's request id per request; a fresh UUID by default (tests fix it). */
  readonly requestId?: () => string;
}

export interface CheckPayload {
  readonly deliveryId: string;
  readonly payload: Buffer;
}

const SLOTS = [
  'id',
  'timestamp',
  'signature',
  'length',
  'trace',
  'body',
  'extended',
  'time',
  'requestId',
] as const;
type Slot = (typeof SLOTS)[number];
const marker = (slot: Slot) => `@@lmi-cutover-slot-${slot}@@`;
/** requestTimeEpoch is a number in the event: a value no real time has, replaced as digits. */
const EPOCH_MARKER = 9_007_199_254_740_991;
const SPLIT = new RegExp(`@@lmi-cutover-slot-(${SLOTS.join('|')})@@|${EPOCH_MARKER}`, 'g');

export class CheckPayloads {
  readonly #parts: string[] = [];
  /** The slot between part i and part i + 1; 'epoch' for requestTimeEpoch. */
  readonly #slots: Array<Slot | 'epoch'> = [];
  readonly #keys: KeyObject[];
  readonly #requestId: () => string;

  constructor(private readonly shape: CheckPayloadShape) {
    this.#keys = shape.secrets.map((s) => createSecretKey(Buffer.from(s.replace(/^whsec_/, ''), 'base64')));
    this.#requestId = shape.requestId ?? randomUUID;
    const event = toProxyEvent(
      {
        method: 'POST',
        path: '/webhooks',
        headers: {
          'Content-Type': 'application/json',
          [ID_HEADER]: marker('id'),
          [TIMESTAMP_HEADER]: marker('timestamp'),
          [SIGNATURE_HEADER]: marker('signature'),
          // Where toProxyEvent appends it: after the request's own headers.
          'Content-Length': marker('length'),
        },
        body: marker('body'),
      },
      shape.stage,
      { nowMs: 0, requestId: marker('requestId') },
    );
    event.headers['X-Amzn-Trace-Id'] = marker('trace');
    event.multiValueHeaders['X-Amzn-Trace-Id'] = [marker('trace')];
    Object.assign(event.requestContext, {
      extendedRequestId: marker('extended'),
      requestTime: marker('time'),
      requestTimeEpoch: EPOCH_MARKER,
    });
    const json = JSON.stringify(event);
    let last = 0;
    for (const m of json.matchAll(SPLIT)) {
      this.#parts.push(json.slice(last, m.index));
      this.#slots.push((m[1] as Slot | undefined) ?? 'epoch');
      last = m.index + m[0].length;
    }
    this.#parts.push(json.slice(last));
  }

  /** The payload of request `seq`, stamped and signed at `epochMs`. */
  build(seq: number, epochMs: number): CheckPayload {
    const deliveryId = checkDeliveryId({ ...this.shape.mark, seq });
    const body = checkBody({ ...this.shape.mark, seq });
    const timestamp = String(Math.floor(epochMs / 1000));
    const signed = `${deliveryId}.${timestamp}.${body}`;
    const signature = this.#keys
      .map((key) => `v1,${createHmac('sha256', key).update(signed).digest('base64')}`)
      .join(' ');
    const requestId = this.#requestId();
    const values: Record<Slot | 'epoch', string> = {
      id: deliveryId,
      timestamp,
      signature,
      length: String(Buffer.byteLength(body)),
      trace: `Root=1-${Math.floor(epochMs / 1000).toString(16)}-${requestId.replace(/-/g, '').slice(0, 24)}`,
      body,
      extended: requestId.slice(0, 16),
      time: apiGatewayTime(epochMs),
      requestId,
      epoch: String(epochMs),
    };
    const escaped = { ...values, id: json(deliveryId), body: json(body) };
    let out = this.#parts[0]!;
    for (let i = 0; i < this.#slots.length; i++) out += escaped[this.#slots[i]!] + this.#parts[i + 1]!;
    return { deliveryId, payload: Buffer.from(out) };
  }
}

/** A string's JSON form without its quotes. */
const json = (s: string): string => JSON.stringify(s).slice(1, -1);
