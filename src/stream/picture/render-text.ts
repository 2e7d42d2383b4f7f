import { formatCount, formatInstant, formatOffset, placeShards, type ShardPlacement } from './history-geometry.js';
import { LINEAGE_NOTE, SHARD_TABLE_HEADER, linkKind, shardTableRow, sizeOption } from './picture-style.js';
import type { ShardHistory, ShardState } from './shard-history.js';

export interface TextOptions {
  /** Columns of the whole picture (default 100). */
  width?: number;
  /** Rows of the plot, hash range down (default 16). */
  height?: number;
  /** The heading (default `Shards of <table name>`). */
  title?: string;
}

/** Where a plot starts: a label column, then the left border. */
const GUTTER = 7;
const FILL: Readonly<Record<ShardState, string>> = { OPEN: '=', CLOSED: '-', EXPIRED: '.' };
const LINK_MARK = { split: '<', merge: '>', rollover: '|' } as const;

/**
 * A shard history as text for a terminal: the same picture as the SVG in characters (time across, hash range
 * down, a bar per shard, its first cell the lineage link from its parent), then a table of every shard.
 * Deterministic: the same history gives the same text.
 */
export function renderHistoryText(history: ShardHistory, options: TextOptions = {}): string {
  const width = sizeOption('width', options.width, 100, 40, 1000);
  const rows = sizeOption('height', options.height, 16, 2, 1000);
  const title = options.title ?? `Shards of ${history.tableName}`;
  if (typeof title !== 'string') throw new TypeError('title must be a string');
  const geometry = placeShards(history);
  const { from, to, placements } = geometry;
  const columns = width - GUTTER - 2;
  const col = (t: number): number =>
    Math.min(columns - 1, Math.floor(((Math.min(Math.max(t, from), to) - from) / (to - from)) * columns));
  const grid: string[][] = Array.from({ length: rows }, () => Array<string>(columns).fill(' '));
  for (const placement of placements) drawBar(grid, placement, col, rows, geometry.byId.size);
  const horizon = history.trimHorizon >= from ? col(history.trimHorizon) : undefined;
  // Over fills and gaps only, so that labels and lineage marks stay readable.
  const under = new Set(Object.values(FILL));
  if (horizon !== undefined) for (const line of grid) if (under.has(line[horizon] as string)) line[horizon] = ':';

  const out = [
    title,
    history.streamArn,
    `${history.status} · now ${formatInstant(history.now)} · retention ${formatOffset(history.retentionMs).slice(1)} · ${placements.length} shards · time from ${formatInstant(from)}`,
  ];
  if (history.layout === 'lineage' || placements.some((p) => p.entry.hashKeyRange === undefined))
    out.push(LINEAGE_NOTE);
  // Arrows over the plot: the trim horizon's column, and now's (the last).
  const top = Array<string>(columns).fill(' ');
  const write = (at: number, text: string): void => {
    for (let i = 0; i < text.length; i++) top[at + i] = text[i] as string;
  };
  write(columns - 5, 'now v');
  if (horizon !== undefined) write(horizon, horizon + 15 < columns - 5 ? 'v trim horizon' : 'v');
  out.push(`${''.padEnd(GUTTER)} ${top.join('')}`.trimEnd());
  out.push(`${'hash 0'.padEnd(GUTTER)}┌${'─'.repeat(columns)}┐`);
  for (const line of grid) out.push(`${''.padEnd(GUTTER)}│${line.join('')}│`);
  out.push(`${'2^64'.padEnd(GUTTER)}└${'─'.repeat(columns)}┘`);
  out.push(`${''.padEnd(GUTTER)} ${axisLabels(from, to, columns, col)}`.trimEnd());
  const trim =
    horizon === undefined
      ? `trim horizon ${formatOffset(history.trimHorizon - from)} (before the first shard)`
      : `: trim horizon ${formatOffset(history.trimHorizon - from)}`;
  out.push(
    `${''.padEnd(GUTTER)} = open  - closed  . expired  < split  > merge  | rollover  ${trim}  now ${formatOffset(to - from)}`,
  );
  out.push(`${''.padEnd(GUTTER)} a bar's label: its key in the table, its id, the records it keeps`, '');
  out.push(...table(placements, from));
  return `${out.join('\n')}\n`;
}

function drawBar(grid: string[][], p: ShardPlacement, col: (t: number) => number, rows: number, known: number): void {
  const c0 = col(p.start);
  const c1 = Math.max(c0, col(p.end));
  const r0 = Math.min(rows - 1, Math.floor(p.top * rows));
  const r1 = Math.max(r0, Math.min(rows - 1, Math.ceil(p.bottom * rows) - 1));
  const fill = FILL[p.entry.state];
  const parents = p.entry.parentShardIds;
  const mark = known > 0 && parents.length > 0 ? LINK_MARK[linkKind(p.entry.origin, parents.length)] : fill;
  const labelRow = Math.floor((r0 + r1) / 2);
  const room = c1 - c0;
  const long = `${p.key} ${p.shortId} ${formatCount(p.entry.retainedRecords)}`;
  const label = room >= long.length + 2 ? long : room >= p.key.length + 1 ? p.key : '';
  for (let r = r0; r <= r1; r++) {
    const line = grid[r] as string[];
    for (let c = c0; c <= c1; c++) line[c] = fill;
    line[c0] = mark;
    if (r === labelRow) for (let i = 0; i < label.length; i++) line[c0 + 1 + i] = label[i] as string;
  }
}

/** Offsets since the first shard under the plot, as many as fit without touching. */
function axisLabels(from: number, to: number, columns: number, col: (t: number) => number): string {
  const line = Array<string>(columns + 8).fill(' ');
  const steps = [1, 15, 60, 900, 3600, 6 * 3600, 86400, 7 * 86400].map((s) => s * 1000);
  const step = steps.find((candidate) => (to - from) / candidate <= 6) ?? (steps.at(-1) as number);
  let free = 0;
  for (let t = 0; from + t <= to; t += step) {
    const label = formatOffset(t);
    const at = col(from + t);
    if (at < free) continue;
    for (let i = 0; i < label.length; i++) line[at + i] = label[i] as string;
    free = at + label.length + 2;
  }
  return line.join('').trimEnd();
}

function table(placements: readonly ShardPlacement[], from: number): string[] {
  const keyOf = new Map(placements.map((p) => [p.entry.shardId, p.key]));
  const header = SHARD_TABLE_HEADER;
  const rows = placements.map((p) => {
    const parents = p.entry.parentShardIds.map((id) => keyOf.get(id) ?? id.slice(-8)).join('+');
    return [...shardTableRow(p, from), parents === '' ? '' : `from ${parents}`];
  });
  const widths = header.map((name, i) => Math.max(name.length, ...rows.map((row) => (row[i] as string).length)));
  const line = (cells: string[]): string =>
    cells
      .map((cell, i) => (i >= 8 && i < 10 ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] ?? 0)))
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)];
}
