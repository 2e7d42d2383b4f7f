import type { AttributeMap } from '../model/attribute-value.js';

export const INSERT = 0;
export const MODIFY = 1;
export const REMOVE = 2;
/** A REMOVE that DynamoDB made itself (a TTL deletion): its record carries the service's `userIdentity`. */
export const SERVICE_REMOVE = 3;
export type EventKind = typeof INSERT | typeof MODIFY | typeof REMOVE | typeof SERVICE_REMOVE;

const NUMBERS = 3; // per record: sequence counter, write time (ms), size * 4 + kind
const REFERENCES = 3; // per record: the image Keys come from, NewImage, OldImage
// References are kept in fixed chunks of 1024 records rather than one growing array: a full chunk is never
// copied again, and a chunk is young like the items stored in it, so storing them skips the write barrier.
const CHUNK_BITS = 10;
const CHUNK_RECORDS = 1 << CHUNK_BITS;
const CHUNK_MASK = CHUNK_RECORDS - 1;

type Chunk = (AttributeMap | undefined)[];

/** A chunk for the next 1024 records, filled with undefined so it never has holes. */
function newChunk(): Chunk {
  return new Array<AttributeMap | undefined>(CHUNK_RECORDS * REFERENCES).fill(undefined);
}

/**
 * A shard's records by column: numbers in a Float64Array, the table's stored items by reference, so a write
 * allocates nothing but a chunk per 1024 records; the AWS shape is built on read (record-view.ts). Trimmed
 * records leave from the front and the arrays compact once that prefix is large: amortised O(1) a record.
 */
export class ShardLog {
  #numbers = new Float64Array(NUMBERS * 16);
  #chunks: Chunk[] = [];
  #length = 0;
  #head = 0;

  /** Index of the first retained record. */
  get head(): number {
    return this.#head;
  }

  /** One past the last record. */
  get end(): number {
    return this.#length;
  }

  get retained(): number {
    return this.#length - this.#head;
  }

  append(
    seq: number,
    at: number,
    kind: EventKind,
    size: number,
    keySource: AttributeMap,
    newImage: AttributeMap | undefined,
    oldImage: AttributeMap | undefined,
  ): void {
    let numbers = this.#numbers;
    const base = this.#length * NUMBERS;
    if (base + NUMBERS > numbers.length) {
      const grown = new Float64Array(numbers.length * 2);
      grown.set(numbers);
      this.#numbers = numbers = grown;
    }
    numbers[base] = seq;
    numbers[base + 1] = at;
    numbers[base + 2] = size * 4 + kind;
    const index = this.#length;
    const offset = (index & CHUNK_MASK) * REFERENCES;
    let chunk: Chunk;
    if (offset === 0) this.#chunks.push((chunk = newChunk()));
    else chunk = this.#chunks[index >> CHUNK_BITS] as Chunk;
    chunk[offset] = keySource;
    chunk[offset + 1] = newImage;
    chunk[offset + 2] = oldImage;
    this.#length = index + 1;
  }

  seqAt(index: number): number {
    return this.#numbers[index * NUMBERS] as number;
  }

  /** The record's write time (epoch ms). */
  timeAt(index: number): number {
    return this.#numbers[index * NUMBERS + 1] as number;
  }

  sizeAt(index: number): number {
    return Math.floor((this.#numbers[index * NUMBERS + 2] as number) / 4);
  }

  kindAt(index: number): EventKind {
    return ((this.#numbers[index * NUMBERS + 2] as number) % 4) as EventKind;
  }

  keySourceAt(index: number): AttributeMap {
    return this.#reference(index, 0) as AttributeMap;
  }

  newImageAt(index: number): AttributeMap | undefined {
    return this.#reference(index, 1);
  }

  oldImageAt(index: number): AttributeMap | undefined {
    return this.#reference(index, 2);
  }

  #reference(index: number, column: number): AttributeMap | undefined {
    return (this.#chunks[index >> CHUNK_BITS] as Chunk)[(index & CHUNK_MASK) * REFERENCES + column];
  }

  /** Index of the first retained record with a sequence counter >= position (`end` if none). */
  indexOf(position: number): number {
    const numbers = this.#numbers;
    let lo = this.#head;
    let hi = this.#length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((numbers[mid * NUMBERS] as number) < position) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /** Drops the records before `index` (trimmed). Indexes held across this call are no longer valid. */
  dropBefore(index: number): void {
    this.#head = index;
    if (index > 1024 && index * 2 > this.#length) {
      this.#numbers.copyWithin(0, index * NUMBERS, this.#length * NUMBERS);
      const chunks: Chunk[] = [];
      for (let from = index; from < this.#length; from++) {
        const to = from - index;
        const offset = (to & CHUNK_MASK) * REFERENCES;
        if (offset === 0) chunks.push(newChunk());
        const chunk = chunks[to >> CHUNK_BITS] as Chunk;
        chunk[offset] = this.#reference(from, 0);
        chunk[offset + 1] = this.#reference(from, 1);
        chunk[offset + 2] = this.#reference(from, 2);
      }
      this.#chunks = chunks;
      this.#length -= index;
      this.#head = 0;
    }
  }

  clear(): void {
    this.#numbers = new Float64Array(NUMBERS);
    this.#chunks = [];
    this.#length = 0;
    this.#head = 0;
  }
}
