import { ValidationException } from '../errors.js';
import { getAttribute, type AttributeMap, type AttributeValue } from '../model/attribute-value.js';
import type { KeySchema } from '../model/key-schema.js';
import { fmix32, fnv1aBytes } from '../model/hash32.js';
import { checkMember } from '../validation/member-rules.js';
import { constraintViolation } from '../validation/validation-error.js';
import { SEGMENT, TOTAL_SEGMENTS } from './read-member-rules.js';

/**
 * A parallel scan's segment (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Scan.html#Scan.ParallelScan):
 * DynamoDB divides the table by partition-key hash, so every item of a partition is in exactly one segment and
 * the segments together cover the table. Here the hash is 32-bit FNV-1a over the key's bytes (mixed), scaled to
 * `TotalSegments` equal ranges: deterministic, independent of the stream's shards.
 */
export function scanSegment(
  schema: KeySchema,
  segment: unknown,
  totalSegments: unknown,
): ((item: AttributeMap) => boolean) | undefined {
  const hasSegment = segment !== undefined && segment !== null;
  const hasTotal = totalSegments !== undefined && totalSegments !== null;
  if (!hasSegment && !hasTotal) return undefined;
  // DynamoDB Local 2.x's texts.
  if (!hasTotal) throw new ValidationException('If segment is specified, total segment must also be specified');
  if (!hasSegment)
    throw new ValidationException(
      'If total segments is specified, a particular segment must also be specified for this request',
    );
  checkMember(TOTAL_SEGMENTS, totalSegments);
  checkMember(SEGMENT, segment);
  const total = totalSegments as number;
  const index = segment as number;
  if (index >= total) throw constraintViolation(index, 'segment', `have value less than or equal to ${total - 1}`);
  const name = schema.partitionKey.name;
  return (item) => Math.floor((partitionHash(getAttribute(item, name) as AttributeValue) * total) / 2 ** 32) === index;
}

/** FNV-1a over the partition key's UTF-8 (S, N) or raw (B) bytes, then mixed: FNV's last byte barely reaches the
 * high bits (p1, p2, ... would share a segment), so murmur3's finaliser spreads it. */
function partitionHash(value: AttributeValue): number {
  const bytes = value.B !== undefined ? value.B : Buffer.from((value.S ?? value.N) as string, 'utf8');
  return fmix32(fnv1aBytes(bytes));
}
