import type { AttributeMap } from '../model/attribute-value.js';
import { itemForCaller } from '../model/frozen-item.js';
import { projectKey, type KeySchema } from '../model/key-schema.js';
import { eventIdFor, type EventIdKey } from './event-id.js';
import { formatSequenceNumber } from './sequence-number.js';
import { INSERT, MODIFY, SERVICE_REMOVE, type ShardLog } from './shard-log.js';
import type { DynamoDBRecord, OperationType, StreamRecord, StreamViewType } from './types.js';

const EVENT_NAMES: readonly OperationType[] = ['INSERT', 'MODIFY', 'REMOVE', 'REMOVE'];

/** The identity on a record of a change DynamoDB made itself: a TTL deletion (AWS's Streams developer guide,
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/time-to-live-ttl-streams.html). */
const TTL_SERVICE = { PrincipalId: 'dynamodb.amazonaws.com', Type: 'Service' } as const;

/** What a record view needs from its stream. */
export interface RecordContext {
  readonly region: string;
  readonly viewType: StreamViewType;
  readonly keySchema: KeySchema;
  readonly eventIdKey: EventIdKey;
}

/**
 * The AWS-shaped record (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_streams_Record.html)
 * of a log entry: a new envelope on every read around the log's frozen images (copied only when they hold
 * binary values, which cannot be frozen). Which images appear was decided at append (`includesNewImage`).
 */
export function toRecord(context: RecordContext, log: ShardLog, index: number): DynamoDBRecord {
  const at = log.timeAt(index);
  const seq = log.seqAt(index);
  const stored = log.keySourceAt(index);
  const newStored = log.newImageAt(index);
  const oldStored = log.oldImageAt(index);
  // Each image leaves through itemForCaller once: the key source is usually one of the images itself.
  const newImage = newStored === undefined ? undefined : itemForCaller(newStored);
  const oldImage = oldStored === undefined ? undefined : oldStored === newStored ? newImage : itemForCaller(oldStored);
  const keySource =
    stored === newStored
      ? (newImage as AttributeMap)
      : stored === oldStored
        ? (oldImage as AttributeMap)
        : itemForCaller(stored);
  // AWS: "rounded down to the closest second".
  const created = new Date(at - (at % 1000));
  // The key values are the stored item's own: it was frozen (itemForCaller) before they are handed out.
  const keys = projectKey(context.keySchema, keySource);
  const sequenceNumber = formatSequenceNumber(seq);
  const size = log.sizeAt(index);
  const viewType = context.viewType;
  // One object literal per combination of images, in AWS's key order with absent images left out (not set to
  // undefined): each record is then built at its final shape at once, with no property added later.
  let dynamodb: StreamRecord;
  if (newImage !== undefined && oldImage !== undefined) {
    dynamodb = {
      ApproximateCreationDateTime: created,
      Keys: keys,
      NewImage: newImage,
      OldImage: oldImage,
      SequenceNumber: sequenceNumber,
      SizeBytes: size,
      StreamViewType: viewType,
    };
  } else if (newImage !== undefined) {
    dynamodb = {
      ApproximateCreationDateTime: created,
      Keys: keys,
      NewImage: newImage,
      SequenceNumber: sequenceNumber,
      SizeBytes: size,
      StreamViewType: viewType,
    };
  } else if (oldImage !== undefined) {
    dynamodb = {
      ApproximateCreationDateTime: created,
      Keys: keys,
      OldImage: oldImage,
      SequenceNumber: sequenceNumber,
      SizeBytes: size,
      StreamViewType: viewType,
    };
  } else {
    dynamodb = {
      ApproximateCreationDateTime: created,
      Keys: keys,
      SequenceNumber: sequenceNumber,
      SizeBytes: size,
      StreamViewType: viewType,
    };
  }
  const kind = log.kindAt(index);
  const record: DynamoDBRecord = {
    eventID: eventIdFor(context.eventIdKey, seq),
    eventName: EVENT_NAMES[kind] as OperationType,
    eventVersion: '1.1',
    eventSource: 'aws:dynamodb',
    awsRegion: context.region,
    dynamodb,
  };
  if (kind === SERVICE_REMOVE) record.userIdentity = { ...TTL_SERVICE };
  return record;
}

/** Whether a record of this kind carries NewImage under the view type: NEW_IMAGE or NEW_AND_OLD_IMAGES, not for REMOVE. */
export function includesNewImage(viewType: StreamViewType, kind: number): boolean {
  return (kind === INSERT || kind === MODIFY) && (viewType === 'NEW_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES');
}

/** Whether a record of this kind carries OldImage under the view type: OLD_IMAGE or NEW_AND_OLD_IMAGES, not for INSERT. */
export function includesOldImage(viewType: StreamViewType, kind: number): boolean {
  return kind !== INSERT && (viewType === 'OLD_IMAGE' || viewType === 'NEW_AND_OLD_IMAGES');
}
