/*
 * The iteration order of a java.util.HashMap (or HashSet) holding `keys`, added in the given order: DynamoDB lists
 * unused placeholders in it (`keys: {:n, :w, :n2}`) and walks the paths of an update in it, so shardline's messages
 * match word for word. Strings hash as java.lang.String, numbers (list indexes) as java.lang.Integer.
 */

/** Java's String.hashCode: 31-based over UTF-16 code units, in 32-bit arithmetic. */
function javaHash(key: string | number): number {
  if (typeof key === 'number') return key | 0;
  let hash = 0;
  for (let i = 0; i < key.length; i++) hash = (Math.imul(hash, 31) + key.charCodeAt(i)) | 0;
  return hash;
}

/**
 * Keys in HashMap order: by bucket (the spread hash masked to the table size), ties in insertion order. The table
 * starts at `initialCapacity` (16 by default) and doubles past three quarters full.
 */
export function javaHashOrder<K extends string | number>(keys: readonly K[], initialCapacity = 16): K[] {
  let capacity = initialCapacity;
  while (keys.length > capacity * 0.75) capacity *= 2;
  const bucket = (key: K): number => {
    const hash = javaHash(key);
    return ((hash ^ (hash >>> 16)) >>> 0) % capacity;
  };
  return keys
    .map((key, index) => ({ key, index, bucket: bucket(key) }))
    .sort((a, b) => a.bucket - b.bucket || a.index - b.index)
    .map((entry) => entry.key);
}
