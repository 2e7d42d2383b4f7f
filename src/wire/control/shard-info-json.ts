import type { ShardInfo } from '../../stream/types.js';

/** A ShardInfo as JSON carries it: the 64-bit hash bounds as decimal strings (a JSON number would round them). */
export interface ShardInfoJson extends Omit<ShardInfo, 'hashKeyRange'> {
  hashKeyRange: { start: string; end: string };
}

export function toShardInfoJson(info: ShardInfo): ShardInfoJson {
  return { ...info, hashKeyRange: { start: String(info.hashKeyRange.start), end: String(info.hashKeyRange.end) } };
}
