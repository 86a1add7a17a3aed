// The DynamoDB reads of the checks: strongly consistent, because a check reads back what the
// function wrote a moment ago.
import {
  GetItemCommand,
  QueryCommand,
  type AttributeValue,
  type DynamoDBClient,
  type QueryCommandInput,
} from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

/** Whether an item with this key exists (only the key is read back). */
export async function itemExists(
  ddb: DynamoDBClient,
  tableName: string,
  key: Item,
  keyAttribute: string,
): Promise<boolean> {
  const res = await ddb.send(
    new GetItemCommand({
      TableName: tableName,
      Key: key,
      ConsistentRead: true,
      ProjectionExpression: '#k',
      ExpressionAttributeNames: { '#k': keyAttribute },
    }),
  );
  return res.Item !== undefined;
}

/** Every item of a consistent query, following LastEvaluatedKey up to `maxPages` pages. */
export async function queryAll(
  ddb: DynamoDBClient,
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'ConsistentRead'>,
  maxPages: number,
): Promise<Item[]> {
  const items: Item[] = [];
  let ExclusiveStartKey: Item | undefined;
  for (let page = 0; page < maxPages; page++) {
    const res = await ddb.send(new QueryCommand({ ...input, ConsistentRead: true, ExclusiveStartKey }));
    items.push(...(res.Items ?? []));
    ExclusiveStartKey = res.LastEvaluatedKey;
    if (!ExclusiveStartKey) break;
  }
  return items;
}
