import { dynamoDBErrorNamed } from '../../errors.js';

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
    const known = dynamoDBErrorNamed(name, text);
    if (known !== undefined) return known;
    const other = new Error(text === '' ? `${name} (HTTP ${statusCode})` : text);
    other.name = name;
    return other;
  }
  const shown = bodyText.length > 200 ? `${bodyText.slice(0, 200)}...` : bodyText;
  return new Error(`HTTP ${statusCode} from shardline${shown === '' ? '' : `: ${shown.trim()}`}`);
}
