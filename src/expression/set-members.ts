import type { AttributeValue } from '../model/attribute-value.js';
import { binaryKeyText } from '../model/binary-key-text.js';
import { compareNumbers } from '../model/number-value.js';

/*
 * ADD's union and DELETE's difference of two sets of one type (SS, NS or BS). Members are canonical (numbers in
 * canonical text), so equal members have equal text; binaries are compared by their bytes. The union is sorted as a
 * stored set is (frozen-item.ts), so the new item reads back as DynamoDB Local returns it.
 */

export type SetType = 'SS' | 'NS' | 'BS';

/** The set type of `value`, or undefined for any other type. */
export function setTypeOf(value: AttributeValue): SetType | undefined {
  if (value.SS !== undefined) return 'SS';
  if (value.NS !== undefined) return 'NS';
  if (value.BS !== undefined) return 'BS';
  return undefined;
}

export function setUnion(type: SetType, a: AttributeValue, b: AttributeValue): AttributeValue {
  if (type === 'BS') {
    const seen = new Set((a.BS as Uint8Array[]).map(binaryKeyText));
    const out = [...(a.BS as Uint8Array[])];
    for (const member of b.BS as Uint8Array[]) if (!seen.has(binaryKeyText(member))) out.push(member);
    return { BS: out.sort(Buffer.compare) };
  }
  const first = (type === 'SS' ? a.SS : a.NS) as string[];
  const seen = new Set(first);
  const out = [...first];
  for (const member of (type === 'SS' ? b.SS : b.NS) as string[]) {
    if (!seen.has(member)) {
      seen.add(member);
      out.push(member);
    }
  }
  return type === 'SS' ? { SS: out.sort() } : { NS: out.sort(compareNumbers) };
}

/** The members of `a` not in `b`, or undefined when none is left (DELETE then removes the attribute). */
export function setDifference(type: SetType, a: AttributeValue, b: AttributeValue): AttributeValue | undefined {
  if (type === 'BS') {
    const removed = new Set((b.BS as Uint8Array[]).map(binaryKeyText));
    const kept = (a.BS as Uint8Array[]).filter((member) => !removed.has(binaryKeyText(member)));
    return kept.length === 0 ? undefined : { BS: kept };
  }
  const removed = new Set((type === 'SS' ? b.SS : b.NS) as string[]);
  const kept = ((type === 'SS' ? a.SS : a.NS) as string[]).filter((member) => !removed.has(member));
  if (kept.length === 0) return undefined;
  return type === 'SS' ? { SS: kept } : { NS: kept };
}
