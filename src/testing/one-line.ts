/**
 * A record's plain value on one line, the same in both runners (their `stringify`s take different options):
 * `{"id": "a", "tags": Set {"x"}, "n": 12345678901234567890n, "blob": Uint8Array [1, 2]}`.
 */
export function oneLine(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'bigint') return `${value}n`;
  if (typeof value !== 'object' || value === null) return String(value);
  if (value instanceof Uint8Array) return `Uint8Array [${value.join(', ')}]`;
  if (value instanceof Set) return `Set {${[...(value as Set<unknown>)].map(oneLine).join(', ')}}`;
  if (Array.isArray(value)) return `[${value.map(oneLine).join(', ')}]`;
  // An asymmetric matcher, or another class's instance: its own text.
  if (typeof (value as { asymmetricMatch?: unknown }).asymmetricMatch === 'function') return String(value);
  const members = Object.keys(value).map(
    (name) => `${JSON.stringify(name)}: ${oneLine((value as Record<string, unknown>)[name])}`,
  );
  return `{${members.join(', ')}}`;
}
