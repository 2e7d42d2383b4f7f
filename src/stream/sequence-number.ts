import { ValidationException } from '../errors.js';
import { checkLength } from '../validation/member-rules.js';

/**
 * A record's position is one counter per Database (AWS: sequence numbers increase within a shard and are not
 * dense). On the API: AWS's 21-digit shape, a 1 then the counter in 20 digits, so text and number order agree.
 */
const PREFIX = '1';
const WIDTH = 20;
const OFFSET = 10n ** 20n;

/** The prefix for a counter of each digit count: the leading 1 and the zero padding, as one string (one concatenation a number). */
const PADDED = Array.from({ length: WIDTH + 1 }, (_, digits) => PREFIX + '0'.repeat(WIDTH - digits));

export function formatSequenceNumber(counter: number): string {
  const digits = String(counter);
  return (PADDED[digits.length] as string) + digits;
}

/** Result of reading a caller's sequence number: a counter, or a number below/above every counter. */
export type ParsedSequenceNumber = number;

/**
 * Turns a caller's sequence number into a counter. Numbers below every counter come back negative, numbers
 * past every counter come back as `Number.MAX_SAFE_INTEGER`, so callers compare without special cases.
 */
export function parseSequenceNumber(text: unknown): ParsedSequenceNumber {
  // DynamoDB Local (and AWS) answer with the model's length constraint.
  checkLength(text, 'sequenceNumber', 21, 40);
  if (!/^\d+$/.test(text)) throw new ValidationException('Invalid SequenceNumber for the shard');
  const value = BigInt(text) - OFFSET;
  if (value < 0n) return -1;
  if (value > BigInt(Number.MAX_SAFE_INTEGER)) return Number.MAX_SAFE_INTEGER;
  return Number(value);
}

/** The Database-wide counter that numbers every record. */
export class SequenceCounter {
  #next = 1;
  /** The number the next record will get (not consumed). */
  peek(): number {
    return this.#next;
  }
  take(): number {
    return this.#next++;
  }
  /** For snapshots: continue numbering after a restored state. */
  resumeAt(next: number): void {
    this.#next = Math.max(this.#next, next);
  }
}
