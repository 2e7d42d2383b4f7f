import type { ShardHistory } from '../stream/picture/shard-history.js';
import { CONTROL_TARGET_PREFIX } from '../wire/control/control-operation.js';

/** What `shardline shards` names: a table (its latest stream) or a stream. */
export type StreamTarget = { TableName: string } | { StreamArn: string };

/** DescribeShardHistory's answer: the history; not shardline (fall back to the AWS API); or shardline's error. */
export type ShardlineAnswer =
  | { kind: 'history'; history: ShardHistory }
  | { kind: 'not-shardline'; reason: string }
  | { kind: 'error'; message: string };

/** shardline's request ids (dispatch.ts): an answer that carries one came from shardline. */
const SHARDLINE_REQUEST_ID = /^SHARDLINE\d+$/;

/**
 * Asks the endpoint for `Shardline_20261208.DescribeShardHistory`, an ordinary AWS JSON 1.0 POST. Any endpoint
 * other than a shardline server that knows the operation (AWS, DynamoDB Local, an older shardline) answers with
 * an error, and the caller draws from the AWS API instead; shardline's own errors (no such table) are final.
 */
export async function requestShardHistory(endpoint: string, target: StreamTarget): Promise<ShardlineAnswer> {
  const response = await fetch(endpoint, {
    method: 'POST',
    headers: {
      'content-type': 'application/x-amz-json-1.0',
      'x-amz-target': `${CONTROL_TARGET_PREFIX}.DescribeShardHistory`,
    },
    body: JSON.stringify(target),
  });
  const text = await response.text();
  const fromShardline = SHARDLINE_REQUEST_ID.test(response.headers.get('x-amzn-requestid') ?? '');
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    return { kind: 'not-shardline', reason: `HTTP ${response.status}, not JSON` };
  }
  if (response.ok && fromShardline && isHistory(body)) return { kind: 'history', history: body };
  const error = body as { __type?: unknown; message?: unknown; Message?: unknown };
  const type = typeof error.__type === 'string' ? error.__type.slice(error.__type.indexOf('#') + 1) : 'an error';
  if (!fromShardline || type === 'UnknownOperationException')
    return { kind: 'not-shardline', reason: `HTTP ${response.status}, ${type}` };
  const message = typeof error.message === 'string' ? error.message : String(error.Message ?? '');
  return { kind: 'error', message: `${type}: ${message}` };
}

function isHistory(body: unknown): body is ShardHistory {
  const history = body as Partial<ShardHistory> | null;
  return (
    typeof history === 'object' &&
    history !== null &&
    Array.isArray(history.shards) &&
    typeof history.now === 'number' &&
    typeof history.trimHorizon === 'number'
  );
}
