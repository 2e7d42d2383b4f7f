import type { AttributeValue } from '../../model/attribute-value.js';
import { fnv1aString } from '../../model/hash32.js';
import type { DescribeStreamOutput } from '../../stream/types.js';

/**
 * Which of a shard's `ParallelizationFactor` lanes a record goes to. AWS promises that "in-order processing
 * is still guaranteed for each partition key" across a shard's concurrent batches, without saying how it
 * groups records: here every record of one partition key value goes to one lane, chosen by a hash of the
 * value, and a lane runs its batches one at a time.
 */

/** The table's partition key attribute, from DescribeStream's KeySchema. */
export function partitionKeyOf(output: DescribeStreamOutput): string {
  return output.StreamDescription.KeySchema.find((key) => key.KeyType === 'HASH')?.AttributeName ?? '';
}

/** The partition key's value as text (its type and value), what the lane hash is taken over. */
export function partitionKeyText(value: AttributeValue | undefined): string {
  if (value === undefined) return '';
  const v = value as { S?: string; N?: string; B?: Uint8Array };
  if (v.S !== undefined) return `S${v.S}`;
  if (v.N !== undefined) return `N${v.N}`;
  if (v.B !== undefined) return `B${Buffer.from(v.B).toString('base64')}`;
  return JSON.stringify(value);
}

/** FNV-1a over the partition key's text, modulo the lane count: which lane a key's records go to. */
export function laneOf(partitionKey: string, lanes: number): number {
  if (lanes === 1) return 0;
  return fnv1aString(partitionKey) % lanes;
}
