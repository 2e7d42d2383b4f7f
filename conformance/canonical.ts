/**
 * Sorted-key JSON, so that two equal items print the same whatever their members' order, set members included
 * ("the order of the values within a set is not preserved", normalise.ts).
 */
export function canonical(value: unknown): string {
  return JSON.stringify(value, (key, member: unknown) => {
    if ((key === 'SS' || key === 'NS') && Array.isArray(member)) return [...(member as string[])].sort();
    if (key === 'BS' && Array.isArray(member))
      return member
        .map((bytes) => (bytes instanceof Uint8Array ? Buffer.from(bytes).toString('base64') : bytes))
        .sort();
    if (member instanceof Uint8Array) return Buffer.from(member).toString('base64');
    if (member === null || typeof member !== 'object' || Array.isArray(member)) return member;
    return Object.fromEntries(
      Object.entries(member as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)),
    );
  });
}
