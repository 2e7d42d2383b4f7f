import type { AttributeMap } from '../model/attribute-value.js';

/** Index of the first item for which `isAfter` holds, in an array where it holds for a suffix (binary search). */
export function firstAfter(ordered: readonly AttributeMap[], isAfter: (item: AttributeMap) => boolean): number {
  let low = 0;
  let high = ordered.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if (isAfter(ordered[mid] as AttributeMap)) high = mid;
    else low = mid + 1;
  }
  return low;
}
