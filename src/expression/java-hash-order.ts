/*
 * The iteration order of a java.util.HashSet holding `keys` (added in the given order): DynamoDB lists unused
 * placeholders in it (`keys: {:n, :w, :n2}`), so shardline's message matches word for word.
 */

/** Java's String.hashCode: 31-based over UTF-16 code units, in 32-bit arithmetic. */
function javaStringHash(text: string): number {
  let hash = 0;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 31) + text.charCodeAt(i)) | 0;
  return hash;
}

/** Keys in HashSet order: by bucket (the spread hash masked to the table size), ties in insertion order. */
export function javaHashOrder(keys: readonly string[]): string[] {
  let capacity = 16;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucket = (key: string): number => {
    const hash = javaStringHash(key);
    return (hash ^ (hash >>> 16)) & (capacity - 1);
  };
  return keys
    .map((key, index) => ({ key, index, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}
