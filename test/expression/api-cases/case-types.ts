/**
 * The rows of the API-level expression suite (api-cases.test.ts): a request with expressions, the items the
 * table holds before it, and what AWS answers: the output or the error, and the stream records the request
 * leaves. The answers were recorded against DynamoDB Local 2.9.30 (recorded.ts); where AWS answers otherwise,
 * the row says so in `aws`, with the source.
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';

export type Item = Record<string, AttributeValue>;

/** The operations a row may send; the runner adds the TableName. */
export type Operation = 'PutItem' | 'UpdateItem' | 'DeleteItem' | 'GetItem' | 'Query' | 'Scan';

export interface ApiCase {
  /** Unique: the key of the row's recorded answer. */
  readonly name: string;
  /** Put plainly before the request, in order (their INSERT records are not part of the expectation). */
  readonly items?: readonly Item[];
  readonly op: Operation;
  /** The request without its TableName. */
  readonly input: Readonly<Record<string, unknown>>;
  /**
   * Where AWS's documented or recorded answer differs from DynamoDB Local's: AWS's output or error, and where it is
   * written (the stream records are still the recorded ones).
   */
  readonly aws?: { readonly answer: Answer; readonly source: string };
}

/** What a stream record says, without what varies (sequence numbers, times, ids, sizes). */
export interface StreamChange {
  eventName: string;
  Keys: Item;
  OldImage?: Item;
  NewImage?: Item;
}

/** An error as an SDK caller sees it: its name, its message, and the item it carries (ConditionalCheckFailed). */
export interface ExpectedError {
  name: string;
  message: string;
  Item?: Item;
}

export type Answer = { output: Record<string, unknown> } | { error: ExpectedError };

export type Expected = Answer & { stream: StreamChange[] };

// Attribute values, short.
export const S = (s: string): AttributeValue => ({ S: s });
export const N = (n: string): AttributeValue => ({ N: n });
export const B = (...bytes: number[]): AttributeValue => ({ B: new Uint8Array(bytes) });
export const SS = (...s: string[]): AttributeValue => ({ SS: s });
export const NS = (...n: string[]): AttributeValue => ({ NS: n });
export const BS = (...b: number[][]): AttributeValue => ({ BS: b.map((bytes) => new Uint8Array(bytes)) });
export const BOOL = (b: boolean): AttributeValue => ({ BOOL: b });
export const NULL: AttributeValue = { NULL: true };
export const L = (...l: AttributeValue[]): AttributeValue => ({ L: l });
export const M = (m: Record<string, AttributeValue>): AttributeValue => ({ M: m });
