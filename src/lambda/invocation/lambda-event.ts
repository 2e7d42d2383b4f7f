import type {
  AttributeValue as LambdaAttributeValue,
  DynamoDBRecord as LambdaRecord,
  DynamoDBStreamEvent,
} from 'aws-lambda';
import { setAttribute, type AttributeMap, type AttributeValue } from '../../model/attribute-value.js';
import type { DynamoDBRecord } from '../../stream/types.js';

export type { LambdaRecord, DynamoDBStreamEvent };

type LambdaImage = Record<string, LambdaAttributeValue>;

/**
 * The event a tumbling-window invocation receives: the records plus the window, the state the previous
 * invocation in this window returned, and whether this is the window's final invocation.
 * https://docs.aws.amazon.com/lambda/latest/dg/services-ddb-windows.html
 */
export interface DynamoDBTimeWindowEvent extends DynamoDBStreamEvent {
  window: { start: string; end: string };
  state: Record<string, unknown>;
  shardId: string;
  eventSourceARN: string;
  isFinalInvokeForWindow: boolean;
  isWindowTerminatedEarly: boolean;
}

/**
 * A stream record as Lambda hands it to a function: the GetRecords record as JSON (ApproximateCreationDateTime
 * in epoch seconds, binary values as base64 strings, `userIdentity` with lowercase keys) plus `eventSourceARN`.
 * Images without binary values are shared with the stream's (frozen) ones, so this costs one small envelope.
 */
export function toLambdaRecord(record: DynamoDBRecord, eventSourceARN: string): LambdaRecord {
  const source = record.dynamodb;
  const dynamodb: NonNullable<LambdaRecord['dynamodb']> = {
    ApproximateCreationDateTime: source.ApproximateCreationDateTime.getTime() / 1000,
    Keys: lambdaImage(source.Keys),
  };
  if (source.NewImage !== undefined) dynamodb.NewImage = lambdaImage(source.NewImage);
  if (source.OldImage !== undefined) dynamodb.OldImage = lambdaImage(source.OldImage);
  dynamodb.SequenceNumber = source.SequenceNumber;
  dynamodb.SizeBytes = source.SizeBytes;
  dynamodb.StreamViewType = source.StreamViewType;
  const out: LambdaRecord = {
    eventID: record.eventID,
    eventName: record.eventName,
    eventVersion: record.eventVersion,
    eventSource: record.eventSource,
    awsRegion: record.awsRegion,
    dynamodb,
    eventSourceARN,
  };
  // AWS: TTL deletes carry {"type":"Service","principalId":"dynamodb.amazonaws.com"} in the Lambda event.
  if (record.userIdentity !== undefined)
    out.userIdentity = { type: record.userIdentity.Type, principalId: record.userIdentity.PrincipalId };
  return out;
}

/**
 * `toLambdaRecord` for a record the caller owns (a GetRecords answer's envelope, which is new on every read):
 * turns it into the Lambda record in place instead of building a new one, two allocations fewer per record on
 * the mapping's hot path. Falls back to a copy if the envelope is frozen.
 */
export function intoLambdaRecord(record: DynamoDBRecord, eventSourceARN: string): LambdaRecord {
  const source = record.dynamodb as unknown as Record<string, unknown>;
  if (Object.isFrozen(record) || Object.isFrozen(source)) return toLambdaRecord(record, eventSourceARN);
  source.ApproximateCreationDateTime = (source.ApproximateCreationDateTime as Date).getTime() / 1000;
  source.Keys = lambdaImage(source.Keys as AttributeMap);
  if (source.NewImage !== undefined) source.NewImage = lambdaImage(source.NewImage as AttributeMap);
  if (source.OldImage !== undefined) source.OldImage = lambdaImage(source.OldImage as AttributeMap);
  const out = record as unknown as LambdaRecord;
  const identity = record.userIdentity;
  if (identity !== undefined) {
    delete out.userIdentity;
    out.eventSourceARN = eventSourceARN;
    out.userIdentity = { type: identity.Type, principalId: identity.PrincipalId };
  } else {
    out.eventSourceARN = eventSourceARN;
  }
  return out;
}

function lambdaImage(image: AttributeMap): LambdaImage {
  for (const name in image) {
    if (needsConversion(image[name] as AttributeValue)) return convertMap(image);
  }
  return image as unknown as LambdaImage;
}

function needsConversion(value: AttributeValue): boolean {
  const v = value as unknown as Record<string, unknown>;
  // Most values are strings or numbers: one lookup settles them.
  if (v.S !== undefined || v.N !== undefined) return false;
  if (v.B !== undefined || v.BS !== undefined) return true;
  if (v.M !== undefined) return Object.values(v.M as AttributeMap).some(needsConversion);
  if (v.L !== undefined) return (v.L as AttributeValue[]).some(needsConversion);
  return false;
}

function convertMap(image: AttributeMap): LambdaImage {
  const out: LambdaImage = {};
  // setAttribute: an attribute named `__proto__` is data, not the copy's prototype.
  for (const name in image) setAttribute(out, name, convertValue(image[name] as AttributeValue));
  return out;
}

function convertValue(value: AttributeValue): LambdaAttributeValue {
  const v = value as unknown as Record<string, unknown>;
  if (v.B !== undefined) return { B: base64(v.B as Uint8Array) };
  if (v.BS !== undefined) return { BS: (v.BS as Uint8Array[]).map(base64) };
  if (v.M !== undefined) return { M: convertMap(v.M as AttributeMap) };
  if (v.L !== undefined) return { L: (v.L as AttributeValue[]).map(convertValue) };
  return value as unknown as LambdaAttributeValue;
}

function base64(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64');
}

/**
 * An upper bound on a record's share of the invocation payload (its JSON bytes), from SizeBytes alone: every
 * attribute byte becomes at most 16 bytes of JSON (a one-byte name with an empty string is `"a":{"S":""}`,
 * 12 bytes; an escaped control character `\u0001` is 6), plus the envelope. Exact sizes are computed only
 * when these bounds say a batch could reach the 6 MB limit.
 */
export function payloadBound(record: LambdaRecord, arnLength: number): number {
  return 1024 + 2 * arnLength + 16 * (record.dynamodb?.SizeBytes ?? 0);
}

/** The record's exact share of the payload: its JSON bytes and the comma that separates it. */
export function payloadSize(record: LambdaRecord): number {
  return Buffer.byteLength(JSON.stringify(record)) + 1;
}

/** The bytes of an event around its records: `{"Records":[]}`. */
export const EVENT_ENVELOPE_BYTES = 14;
