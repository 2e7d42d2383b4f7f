/**
 * Small, fast, deterministic 32-bit hashes for choices that must be stable across runs but need no strength:
 * a parallel scan's segment, a Lambda lane, an eventID's mix. (Routing to shards uses xxhash64: src/stream/hasher.ts.)
 */

/** murmur3's 32-bit finaliser: an invertible mix in which every input bit reaches every output bit. */
export function fmix32(input: number): number {
  let h = input | 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  h ^= h >>> 16;
  return h >>> 0;
}

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** 32-bit FNV-1a of bytes. */
export function fnv1aBytes(bytes: Uint8Array): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < bytes.length; i++) {
    hash ^= bytes[i] as number;
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}

/** 32-bit FNV-1a of a string's UTF-16 code units. */
export function fnv1aString(text: string): number {
  let hash = FNV_OFFSET;
  for (let i = 0; i < text.length; i++) {
    hash ^= text.charCodeAt(i);
    hash = Math.imul(hash, FNV_PRIME);
  }
  return hash >>> 0;
}
