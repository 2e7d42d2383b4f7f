import type { ShardHistory, ShardHistoryEntry } from './shard-history.js';

/** The hash space's size, 2^64, as a number (fractions of it are what the pictures draw). */
const HASH_SPACE = 2 ** 64;

/** Where a shard is drawn: its band down the hash range ([top, bottom) as fractions of it) and its time span. */
export interface ShardPlacement {
  readonly entry: ShardHistoryEntry;
  /** Its place in the history (creation order), and the label a small picture uses for it. */
  readonly index: number;
  readonly key: string;
  /** Its id as the pictures print it: the 8 hex digits after the time, or the whole id where those repeat. */
  readonly shortId: string;
  readonly top: number;
  readonly bottom: number;
  readonly start: number;
  /** Its close, or now while open or when the source does not say when it closed. */
  readonly end: number;
}

/** What both renderers draw from: each shard placed, and the time window. */
export interface HistoryGeometry {
  readonly placements: readonly ShardPlacement[];
  readonly byId: ReadonlyMap<string, ShardPlacement>;
  /** The window across: the first shard's creation to now (at least 1 ms wide). */
  readonly from: number;
  readonly to: number;
}

/** Places every shard of a history: by hash range when the history has them all, else by lineage. */
export function placeShards(history: ShardHistory): HistoryGeometry {
  const shards = history.shards;
  const byHash = history.layout === 'hash' && shards.every((entry) => entry.hashKeyRange !== undefined);
  const bands = byHash ? hashBands(shards) : lineageBands(shards);
  const shortIds = shortenIds(shards.map((entry) => entry.shardId));
  const placements = shards.map((entry, index): ShardPlacement => {
    const [top, bottom] = bands[index] as [number, number];
    const end = Math.min(history.now, entry.closedAt ?? history.now);
    return {
      entry,
      index,
      key: keyFor(index),
      shortId: shortIds[index] as string,
      top,
      bottom,
      start: Math.min(entry.createdAt, end),
      end,
    };
  });
  const from = Math.min(history.now, ...placements.map((placement) => placement.start));
  return {
    placements,
    byId: new Map(placements.map((placement) => [placement.entry.shardId, placement])),
    from,
    to: Math.max(history.now, from + 1),
  };
}

function hashBands(shards: readonly ShardHistoryEntry[]): [number, number][] {
  return shards.map((entry) => {
    const range = entry.hashKeyRange as { start: string; end: string };
    return [Number(BigInt(range.start)) / HASH_SPACE, Number(BigInt(range.end) + 1n) / HASH_SPACE];
  });
}

/**
 * Bands by lineage (no hash ranges known): shards without a known parent share the whole height equally, in
 * creation order; a parent's children share its band equally; a merge's child spans both parents' bands.
 */
function lineageBands(shards: readonly ShardHistoryEntry[]): [number, number][] {
  const index = new Map(shards.map((entry, i) => [entry.shardId, i]));
  const knownParents = shards.map((entry) => entry.parentShardIds.filter((id) => index.has(id)));
  // Children are shared out by their first known parent.
  const childrenOf = new Map<string, number[]>();
  const roots: number[] = [];
  knownParents.forEach((parents, i) => {
    const first = parents[0];
    if (first === undefined) return roots.push(i);
    const list = childrenOf.get(first);
    if (list === undefined) childrenOf.set(first, [i]);
    else list.push(i);
    return undefined;
  });
  const bands: [number, number][] = shards.map(() => [0, 1]);
  roots.forEach((i, n) => (bands[i] = [n / roots.length, (n + 1) / roots.length]));
  // Creation order puts parents before their children.
  shards.forEach((entry, i) => {
    const parents = knownParents[i] as string[];
    if (parents.length > 1) {
      const own = parents.map((id) => bands[index.get(id) as number] as [number, number]);
      bands[i] = [Math.min(...own.map((band) => band[0])), Math.max(...own.map((band) => band[1]))];
    }
    const children = childrenOf.get(entry.shardId) ?? [];
    const [top, bottom] = bands[i] as [number, number];
    const step = (bottom - top) / Math.max(children.length, 1);
    children.forEach((child, n) => {
      if ((knownParents[child] as string[]).length === 1) bands[child] = [top + n * step, top + (n + 1) * step];
    });
  });
  return bands;
}

/** `A`..`Z`, then `AA`, `AB`...: a shard's label where its id does not fit. */
export function keyFor(index: number): string {
  let key = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) key = String.fromCharCode(65 + ((n - 1) % 26)) + key;
  return key;
}

/** The last 8 characters of each id (its random part), or the whole id where two share them. */
function shortenIds(ids: readonly string[]): string[] {
  const counts = new Map<string, number>();
  for (const id of ids) counts.set(id.slice(-8), (counts.get(id.slice(-8)) ?? 0) + 1);
  return ids.map((id) => (counts.get(id.slice(-8)) === 1 ? id.slice(-8) : id));
}

/** A time since `from`, for axis labels and tables: `+0`, `+1500ms`, `+45s`, `+3h15m`, `+1d02h`. */
export function formatOffset(ms: number): string {
  const sign = ms < 0 ? '-' : '+';
  const abs = Math.abs(Math.round(ms));
  if (abs === 0) return '+0';
  if (abs < 1000) return `${sign}${abs}ms`;
  const seconds = Math.floor(abs / 1000);
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (abs % 1000 !== 0 && seconds < 60) return `${sign}${(abs / 1000).toFixed(3)}s`;
  if (seconds < 60) return `${sign}${seconds}s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${sign}${minutes}m${seconds % 60 === 0 ? '' : `${pad(seconds % 60)}s`}`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return `${sign}${hours}h${minutes % 60 === 0 ? '' : `${pad(minutes % 60)}m`}`;
  return `${sign}${Math.floor(hours / 24)}d${pad(hours % 24)}h${minutes % 60 === 0 ? '' : `${pad(minutes % 60)}m`}`;
}

/** An epoch time as ISO-8601 without milliseconds when they are zero: the model's own times, never the system's. */
export function formatInstant(ms: number): string {
  return new Date(ms).toISOString().replace('.000Z', 'Z');
}

/** A count, or `?` when the source does not know it. */
export function formatCount(count: number | undefined): string {
  return count === undefined ? '?' : String(count);
}
