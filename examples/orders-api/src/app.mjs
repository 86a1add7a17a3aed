// A small orders API over DynamoDB: POST /orders stores an order, GET /orders/{id} reads it,
// GET /ping answers. Plain JavaScript with the SDK the Lambda Node.js runtime ships.
import { Buffer } from 'node:buffer';
import { randomUUID } from 'node:crypto';
import { DynamoDBClient, GetItemCommand, PutItemCommand } from '@aws-sdk/client-dynamodb';

const db = new DynamoDBClient({});
const TABLE = process.env.TABLE_NAME;

const json = (statusCode, body) => ({
  statusCode,
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(body),
});

export async function handler(event) {
  const route = `${event.httpMethod} ${event.resource}`;
  if (route === 'GET /ping') return json(200, { ok: true });
  if (route === 'POST /orders') {
    let order;
    try {
      order = JSON.parse(
        event.isBase64Encoded ? Buffer.from(event.body ?? '', 'base64').toString() : (event.body ?? ''),
      );
    } catch {
      return json(400, { message: 'body is not JSON' });
    }
    if (typeof order?.sku !== 'string' || !Number.isInteger(order?.qty) || order.qty < 1) {
      return json(400, { message: 'an order needs a sku (string) and a qty (whole number ≥ 1)' });
    }
    const id = randomUUID();
    await db.send(
      new PutItemCommand({
        TableName: TABLE,
        Item: { id: { S: id }, sku: { S: order.sku }, qty: { N: String(order.qty) } },
      }),
    );
    return json(201, { id, sku: order.sku, qty: order.qty });
  }
  if (route === 'GET /orders/{id}') {
    const id = event.pathParameters?.id;
    const got = await db.send(new GetItemCommand({ TableName: TABLE, Key: { id: { S: id } } }));
    if (!got.Item) return json(404, { message: `no order ${id}` });
    return json(200, { id, sku: got.Item.sku.S, qty: Number(got.Item.qty.N) });
  }
  return json(404, { message: `no route ${route}` });
}
