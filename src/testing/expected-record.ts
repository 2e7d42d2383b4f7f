import { setAttribute, type AttributeMap } from '../model/attribute-value.js';
import { unmarshallItem, type NativeItem } from '../model/marshalling.js';
import type { Identity, OperationType } from '../stream/types.js';

/**
 * A record as a test expects it: only the members given are compared. `keys`, `newImage` and `oldImage` are plain
 * JavaScript values (the document style of `table.put`); `Keys`, `NewImage` and `OldImage` are AttributeValue maps,
 * as the record holds them. Any member may be an asymmetric matcher (`expect.anything()`, `expect.objectContaining`).
 * `newImage: undefined` expects a record without a new image.
 */
export interface ExpectedRecord {
  /** 'INSERT', 'MODIFY' or 'REMOVE'. */
  eventName?: OperationType | (string & {}) | AsymmetricRecordMatcher;
  keys?: NativeItem | AsymmetricRecordMatcher;
  newImage?: NativeItem | AsymmetricRecordMatcher | undefined;
  oldImage?: NativeItem | AsymmetricRecordMatcher | undefined;
  Keys?: AttributeMap | AsymmetricRecordMatcher;
  NewImage?: AttributeMap | AsymmetricRecordMatcher | undefined;
  OldImage?: AttributeMap | AsymmetricRecordMatcher | undefined;
  /** On a TTL delete only: `{ Type: 'Service', PrincipalId: 'dynamodb.amazonaws.com' }` (the Lambda event's `{ type, principalId }`). */
  userIdentity?: Identity | { type: string; principalId: string } | AsymmetricRecordMatcher | undefined;
  sequenceNumber?: string | AsymmetricRecordMatcher;
}

/** An asymmetric matcher in place of a whole record (`expect.objectContaining({ eventName: 'MODIFY' })`). */
export interface AsymmetricRecordMatcher {
  asymmetricMatch(other: unknown): boolean;
}

/**
 * What the matchers read of a record: a stream record's members (GetRecords' shape, or the Lambda event's, whose
 * images are AttributeValue maps too: only their binary values differ, base64 text rather than bytes).
 */
export interface ObservedRecord {
  eventName?: string;
  dynamodb?: { Keys?: object; NewImage?: object; OldImage?: object; SequenceNumber?: string };
  /** `{ PrincipalId, Type }` in a stream record, `{ principalId, type }` in a Lambda event. */
  userIdentity?: object;
}

/** The members a record is shown with when nothing narrows it: what a reader of a failure needs. */
const SHOWN = ['eventName', 'keys', 'newImage', 'oldImage', 'userIdentity'] as const;
const MEMBERS: readonly string[] = [...SHOWN, 'Keys', 'NewImage', 'OldImage', 'sequenceNumber'];

/** A member of the record in the expected form (plain images from AttributeValue maps). */
function memberOf(record: ObservedRecord, name: string): unknown {
  const dynamodb = record.dynamodb ?? {};
  switch (name) {
    case 'eventName':
      return record.eventName;
    case 'keys':
      return plain(dynamodb.Keys);
    case 'newImage':
      return plain(dynamodb.NewImage);
    case 'oldImage':
      return plain(dynamodb.OldImage);
    case 'Keys':
      return dynamodb.Keys;
    case 'NewImage':
      return dynamodb.NewImage;
    case 'OldImage':
      return dynamodb.OldImage;
    case 'userIdentity':
      return record.userIdentity;
    default:
      return dynamodb.SequenceNumber;
  }
}

/** A plain copy of an image; a number too large for a JavaScript number stays as its text rather than failing. */
function plain(image: object | undefined): NativeItem | undefined {
  if (image === undefined) return undefined;
  try {
    return unmarshallItem(image as AttributeMap);
  } catch {
    return unmarshallItem(image as AttributeMap, { wrapNumbers: true });
  }
}

/** Whether `expected` is a record's partial form (rather than an asymmetric matcher or any other value). */
function isPartialRecord(expected: unknown): expected is ExpectedRecord {
  if (expected === null || typeof expected !== 'object' || Array.isArray(expected)) return false;
  const proto = Object.getPrototypeOf(expected) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A record in the compact form, with the members that are present. */
export function compactRecord(record: ObservedRecord): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of SHOWN) {
    const value = memberOf(record, name);
    if (value !== undefined) setAttribute(out, name, value);
  }
  return out;
}

/**
 * A record in the form `expected` has: its members, and only those, so that what a test leaves out is neither
 * compared nor shown in a diff. An expected value that is not a partial record (an asymmetric matcher) is compared
 * with the whole compact form.
 */
export function projectRecord(record: ObservedRecord, expected: unknown): unknown {
  if (!isPartialRecord(expected)) return compactRecord(record);
  const out: Record<string, unknown> = {};
  for (const name of Object.keys(expected)) {
    // A member the form does not have is shown as absent, so that a misspelt one (`newimage`) fails visibly.
    setAttribute(out, name, MEMBERS.includes(name) ? memberOf(record, name) : undefined);
  }
  return out;
}
