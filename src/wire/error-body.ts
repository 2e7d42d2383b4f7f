import {
  DynamoDBError,
  InternalServerError,
  TransactionCanceledException,
  ConditionalCheckFailedException,
} from '../errors.js';
import { toWireJson } from './json-codec.js';

/**
 * An error as the JSON 1.0 protocol sends it: HTTP status, and a body with `__type` and the message.
 *
 * The message member: real DynamoDB and DynamoDB Streams send `message` (lower case) for their errors, except
 * TransactionCanceledException, whose model member is `Message` and which AWS sends as such; DynamoDB Local
 * sends `Message` for all. The AWS SDK v3 reads either. shardline sends what AWS sends. Errors with no message
 * (a SerializationException of a body that is not JSON) send `__type` alone.
 */
export function errorBody(error: DynamoDBError): { statusCode: number; body: Record<string, unknown> } {
  const body: Record<string, unknown> = { __type: error.wireType };
  if (error instanceof TransactionCanceledException) {
    body.CancellationReasons = toWireJson(error.CancellationReasons);
    body.Message = error.message;
  } else if (error.message !== '') {
    body.message = error.message;
  }
  if (error instanceof ConditionalCheckFailedException && error.Item !== undefined) body.Item = toWireJson(error.Item);
  return { statusCode: error.statusCode, body };
}

/** AWS's 500 body, for when even an error cannot be answered (its members do not serialise, or answering broke). */
export const INTERNAL_ERROR_BODY = JSON.stringify({
  __type: 'com.amazonaws.dynamodb.v20120810#InternalServerError',
  message: 'An error occurred on the server side.',
});

/** Anything thrown that is not an AWS error is a bug of shardline's: AWS's 500, never a crash of the caller. */
export function asDynamoDBError(error: unknown): DynamoDBError {
  if (error instanceof DynamoDBError) return error;
  return new InternalServerError();
}
