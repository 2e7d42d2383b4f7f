import type { ShardCloseReason, ShardOrigin } from '../types.js';
import { formatCount, formatOffset, type ShardPlacement } from './history-geometry.js';
import type { ShardState } from './shard-history.js';

/** The colours and words both pictures share, so the SVG and the text say the same things. */
export const STATE_COLORS: Readonly<Record<ShardState, string>> = {
  OPEN: '#2e7d32',
  CLOSED: '#1565c0',
  EXPIRED: '#9e9e9e',
};

export const LINK_COLORS: Readonly<Record<'split' | 'merge' | 'rollover', string>> = {
  split: '#ef6c00',
  merge: '#8e24aa',
  rollover: '#546e7a',
};

export const TRIM_COLOR = '#c62828';

/** What a link from parent to child stands for: the child's origin (a source without origins: its parents). */
export function linkKind(origin: ShardOrigin | undefined, parents: number): 'split' | 'merge' | 'rollover' {
  if (origin === 'split' || origin === 'merge' || origin === 'rollover') return origin;
  return parents > 1 ? 'merge' : 'split';
}

/** `split` / `stream-disabled` / `—`: how a shard ended, for tables. */
export function endedWord(endedBy: ShardCloseReason | undefined): string {
  return endedBy ?? '—';
}

/** A hash range by its top 16 bits, `0000…–7fff…`; `—` when unknown. */
export function rangeWord(range: { start: string; end: string } | undefined): string {
  if (range === undefined) return '—';
  const top = (text: string): string => BigInt(text).toString(16).padStart(16, '0').slice(0, 4);
  return `${top(range.start)}…–${top(range.end)}…`;
}

/** The line a lineage-laid picture carries: the AWS API has no hash ranges, so the bands are not ranges. */
export const LINEAGE_NOTE =
  'hash ranges unknown (the AWS API does not give them): shards laid out by lineage, children in their parent’s band';

/** Checks a picture option: an integer in [min, max], or absent. */
export function sizeOption(name: string, value: unknown, fallback: number, min: number, max: number): number {
  if (value === undefined) return fallback;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max)
    throw new RangeError(`${name} must be an integer from ${min} to ${max}, got ${String(value)}`);
  return value;
}

/** The shard table's columns, in both pictures. */
export const SHARD_TABLE_HEADER = [
  '',
  'shard',
  'hash range',
  'state',
  'created',
  'closed',
  'ended by',
  'expires',
  'kept',
  'trimmed',
];

/** One shard's row of the shard table: key, id, range, times (from `from`), how it ended, its record counts. */
export function shardTableRow(p: ShardPlacement, from: number): string[] {
  const { entry } = p;
  const when = (t: number | undefined): string => (t === undefined ? '—' : formatOffset(t - from));
  return [
    p.key,
    entry.shardId,
    rangeWord(entry.hashKeyRange),
    entry.state.toLowerCase(),
    when(entry.createdAt),
    when(entry.closedAt),
    endedWord(entry.endedBy),
    when(entry.expiresAt),
    formatCount(entry.retainedRecords),
    formatCount(entry.trimmedRecords),
  ];
}
