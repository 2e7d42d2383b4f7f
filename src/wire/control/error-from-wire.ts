import {
  ConditionalCheckFailedException,
  ExpiredIteratorException,
  InternalServerError,
  LimitExceededException,
  ResourceInUseException,
  ResourceNotFoundException,
  SerializationException,
  TrimmedDataAccessException,
  UnknownOperationException,
  ValidationException,
  type DynamoDBError,
} from '../../errors.js';

type ErrorClass = new (message: string) => DynamoDBError;

/** shardline's error classes by the name after `#` in a JSON 1.0 error's `__type`. */
const CLASSES = new Map<string, ErrorClass>([
  ['ValidationException', ValidationException],
  ['ResourceNotFoundException', ResourceNotFoundException],
  ['ResourceInUseException', ResourceInUseException],
  ['ConditionalCheckFailedException', ConditionalCheckFailedException],
  ['TrimmedDataAccessException', TrimmedDataAccessException],
  ['ExpiredIteratorException', ExpiredIteratorException],
  ['LimitExceededException', LimitExceededException],
  ['InternalServerError', InternalServerError],
  ['UnknownOperationException', UnknownOperationException],
  ['SerializationException', SerializationException],
]);

/**
 * The error an HTTP answer carries, as the class shardline throws in process (same name, same message), so that a
 * caller's `instanceof ValidationException` or `error.name` check works over HTTP too. An answer that is no JSON
 * 1.0 error of shardline's (a proxy's page, a 413) is an Error that says what came back.
 */
export function errorFromWire(statusCode: number, bodyText: string): Error {
  let body: unknown;
  try {
    body = JSON.parse(bodyText);
  } catch {
    body = undefined;
  }
  if (body !== null && typeof body === 'object' && typeof (body as { __type?: unknown }).__type === 'string') {
    const { __type: type, message, Message } = body as { __type: string; message?: unknown; Message?: unknown };
    const name = type.slice(type.indexOf('#') + 1);
    const text = typeof message === 'string' ? message : typeof Message === 'string' ? Message : '';
    const Class = CLASSES.get(name);
    if (Class !== undefined) return new Class(text);
    const other = new Error(text === '' ? `${name} (HTTP ${statusCode})` : text);
    other.name = name;
    return other;
  }
  const shown = bodyText.length > 200 ? `${bodyText.slice(0, 200)}...` : bodyText;
  return new Error(`HTTP ${statusCode} from shardline${shown === '' ? '' : `: ${shown.trim()}`}`);
}
