import { formatCount, formatInstant, formatOffset, placeShards, type ShardPlacement } from './history-geometry.js';
import {
  LINEAGE_NOTE,
  LINK_COLORS,
  STATE_COLORS,
  TRIM_COLOR,
  linkKind,
  SHARD_TABLE_HEADER,
  shardTableRow,
  sizeOption,
} from './picture-style.js';
import type { ShardHistory } from './shard-history.js';

export interface SvgOptions {
  /** The whole picture's width in pixels (default 960). */
  width?: number;
  /** The plot's height in pixels, hash range down (default 320). */
  height?: number;
  /** The heading (default `Shards of <table name>`). */
  title?: string;
}

const LEFT = 64;
const RIGHT = 24;
const TOP = 108;
const AXIS = 40;
const ROW = 16;
/** Time steps for axis ticks, the first that gives at most 8 ticks across. */
const TICK_STEPS = [1, 5, 15, 60, 300, 900, 3600, 3 * 3600, 6 * 3600, 12 * 3600, 86400, 2 * 86400, 7 * 86400].map(
  (seconds) => seconds * 1000,
);

/** Text of the model (table names, ids) goes into the SVG only through this. */
export function escapeXml(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

/** Fixed decimals, so the same history gives the same bytes. */
const fmt = (value: number): string => value.toFixed(1).replace(/\.0$/, '');

/**
 * A hand-written SVG of a shard history (no dependency): time across, hash range down, a bar per shard from its
 * creation to its close (open shards to now), lineage links from parents to children, the trim horizon, a
 * legend, and a table of every shard. Deterministic: only the history's own times and ids, fixed decimals.
 */
export function renderHistorySvg(history: ShardHistory, options: SvgOptions = {}): string {
  const width = sizeOption('width', options.width, 960, 480, 10_000);
  const plotHeight = sizeOption('height', options.height, 320, 80, 10_000);
  const title = options.title ?? `Shards of ${history.tableName}`;
  if (typeof title !== 'string') throw new TypeError('title must be a string');
  const geometry = placeShards(history);
  const { from, to, placements } = geometry;
  const plotWidth = width - LEFT - RIGHT;
  const x = (t: number): number => LEFT + ((Math.min(Math.max(t, from), to) - from) / (to - from)) * plotWidth;
  const y = (fraction: number): number => TOP + fraction * plotHeight;
  const legendTop = TOP + plotHeight + AXIS;
  const tableTop = legendTop + 34;
  const height = tableTop + ROW * (placements.length + 1) + 12;
  const out: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(title)}</title>`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${LEFT}" y="26" font-size="18" font-weight="bold">${escapeXml(title)}</text>`,
    `<text x="${LEFT}" y="46" fill="#444">${escapeXml(history.streamArn)}</text>`,
    `<text x="${LEFT}" y="64" fill="#444">${escapeXml(
      `${history.status} · now ${formatInstant(history.now)} · retention ${formatOffset(history.retentionMs).slice(1)} · ${placements.length} shards · time from ${formatInstant(from)}`,
    )}</text>`,
  ];
  if (history.layout === 'lineage' || placements.some((p) => p.entry.hashKeyRange === undefined))
    out.push(`<text x="${LEFT}" y="82" fill="#8d6e00">${escapeXml(LINEAGE_NOTE)}</text>`);
  out.push(
    `<rect x="${LEFT}" y="${TOP}" width="${plotWidth}" height="${plotHeight}" fill="#f7f7f7" stroke="#999" stroke-width="0.5"/>`,
    `<text transform="translate(${LEFT - 40},${fmt(TOP + plotHeight / 2)}) rotate(-90)" text-anchor="middle" font-size="11" fill="#777">hash key range ↓</text>`,
    `<text x="${LEFT - 6}" y="${TOP + 10}" text-anchor="end" font-size="10" fill="#555">0</text>`,
    `<text x="${LEFT - 6}" y="${TOP + plotHeight}" text-anchor="end" font-size="10" fill="#555">2^64</text>`,
  );
  out.push(...timeAxis(from, to, x, TOP + plotHeight));
  for (const placement of placements) {
    const linked = placement.entry.parentShardIds.some((id) => geometry.byId.has(id));
    out.push(shardBar(placement, x, y, linked ? 16 : 4));
  }
  for (const placement of placements) out.push(...links(placement, geometry.byId, x, y));
  out.push(...markers(history, from, to, x, TOP, plotHeight));
  out.push(...legend(legendTop));
  out.push(...table(placements, from, tableTop));
  out.push('</svg>', '');
  return out.join('\n');
}

function timeAxis(from: number, to: number, x: (t: number) => number, axisY: number): string[] {
  const step = TICK_STEPS.find((candidate) => (to - from) / candidate <= 8) ?? (TICK_STEPS.at(-1) as number);
  const out: string[] = [];
  for (let t = 0; from + t <= to; t += step) {
    const at = fmt(x(from + t));
    out.push(
      `<line x1="${at}" x2="${at}" y1="${axisY}" y2="${axisY + 4}" stroke="#555"/>`,
      `<text x="${at}" y="${axisY + 16}" text-anchor="middle" font-size="10" fill="#555">${formatOffset(t)}</text>`,
    );
  }
  out.push(
    `<text x="${fmt(x(to))}" y="${axisY + 30}" text-anchor="end" font-size="11" fill="#777">time since the first shard →</text>`,
  );
  return out;
}

/** A shard's bar, its tooltip, and its label `inset` pixels in (past the link that enters it, if one does). */
function shardBar(p: ShardPlacement, x: (t: number) => number, y: (f: number) => number, inset: number): string {
  const { entry } = p;
  const left = x(p.start);
  const barWidth = Math.max(x(p.end) - left, 1.5);
  const top = y(p.top) + 0.5;
  const barHeight = Math.max(y(p.bottom) - y(p.top) - 1, 1);
  const counts = `${formatCount(entry.retainedRecords)} kept, ${formatCount(entry.trimmedRecords)} trimmed`;
  const tip = [
    entry.shardId,
    `${entry.state}${entry.origin === undefined ? '' : `, opened by ${entry.origin}`}${entry.endedBy === undefined ? '' : `, ended by ${entry.endedBy}`}`,
    `hash ${entry.hashKeyRange === undefined ? 'range unknown' : `${entry.hashKeyRange.start} to ${entry.hashKeyRange.end}`}`,
    `created ${formatInstant(entry.createdAt)}${entry.closedAt === undefined ? '' : `, closed ${formatInstant(entry.closedAt)}`}${entry.expiresAt === undefined ? '' : `, expires ${formatInstant(entry.expiresAt)}`}`,
    `records: ${counts}`,
    entry.parentShardIds.length === 0 ? 'no parent' : `parents: ${entry.parentShardIds.join(', ')}`,
  ].join('\n');
  // The longest label that fits: key, short id and records kept; key and records kept; the key alone.
  const kept = formatCount(entry.retainedRecords);
  const label = [`${p.key} ${p.shortId} · ${kept} kept`, `${p.key} · ${kept}`, p.key].find(
    (candidate) => barHeight >= 11 && candidate.length * 6.5 + inset + 4 <= barWidth,
  );
  const text =
    label === undefined
      ? ''
      : `<text x="${fmt(left + inset)}" y="${fmt(top + Math.min(barHeight, 40) / 2 + 4)}" fill="#fff" font-size="11">${escapeXml(label)}</text>`;
  return [
    `<g class="shard" data-shard-id="${escapeXml(entry.shardId)}">`,
    `<title>${escapeXml(tip)}</title>`,
    `<rect x="${fmt(left)}" y="${fmt(top)}" width="${fmt(barWidth)}" height="${fmt(barHeight)}" fill="${STATE_COLORS[entry.state]}" stroke="#fff" stroke-width="0.5"/>`,
    ...(text === '' ? [] : [text]),
    `</g>`,
  ].join('\n');
}

/** A curve from each parent's close to the child's creation, coloured by what made the child. */
function links(
  child: ShardPlacement,
  byId: ReadonlyMap<string, ShardPlacement>,
  x: (t: number) => number,
  y: (f: number) => number,
): string[] {
  const parents = child.entry.parentShardIds;
  const kind = linkKind(child.entry.origin, parents.length);
  return parents.flatMap((parentId) => {
    const parent = byId.get(parentId);
    if (parent === undefined) return [];
    // From inside the parent's bar, across its close, into the child's: a parent and its child touch, so a link
    // drawn only between them would have no length.
    const x1 = x(parent.end);
    const y1 = y((parent.top + parent.bottom) / 2);
    const x2 = x(child.start);
    const y2 = y((child.top + child.bottom) / 2);
    const from = Math.max(x1 - 10, x(parent.start));
    const to = Math.min(x2 + 10, x(child.end) + 10);
    return [
      `<path class="link" data-parent="${escapeXml(parentId)}" data-child="${escapeXml(child.entry.shardId)}" d="M${fmt(from)},${fmt(y1)} C${fmt(x1)},${fmt(y1)} ${fmt(x2)},${fmt(y2)} ${fmt(to)},${fmt(y2)}" fill="none" stroke="${LINK_COLORS[kind]}" stroke-width="2"/>`,
      `<circle cx="${fmt(to)}" cy="${fmt(y2)}" r="2.5" fill="${LINK_COLORS[kind]}"/>`,
    ];
  });
}

function markers(
  history: ShardHistory,
  from: number,
  to: number,
  x: (t: number) => number,
  top: number,
  plotHeight: number,
): string[] {
  const bottom = top + plotHeight;
  const out = [
    `<line x1="${fmt(x(to))}" x2="${fmt(x(to))}" y1="${top - 6}" y2="${bottom}" stroke="#000" stroke-width="1"/>`,
    `<text x="${fmt(x(to))}" y="${top - 9}" text-anchor="end" font-size="11">now</text>`,
  ];
  const horizon = history.trimHorizon;
  const label =
    horizon >= from ? 'trim horizon' : `trim horizon (${formatOffset(horizon - from)}, before the first shard)`;
  const at = fmt(x(horizon));
  out.push(
    `<line x1="${at}" x2="${at}" y1="${top - 6}" y2="${bottom}" stroke="${TRIM_COLOR}" stroke-width="1.5" stroke-dasharray="5,3"/>`,
    `<text x="${fmt(x(horizon) + 4)}" y="${top - 9}" font-size="11" fill="${TRIM_COLOR}">${escapeXml(label)}</text>`,
  );
  return out;
}

function legend(top: number): string[] {
  const items: [string, string, 'bar' | 'line' | 'dash'][] = [
    ['open', STATE_COLORS.OPEN, 'bar'],
    ['closed (still readable)', STATE_COLORS.CLOSED, 'bar'],
    ['expired', STATE_COLORS.EXPIRED, 'bar'],
    ['split', LINK_COLORS.split, 'line'],
    ['merge', LINK_COLORS.merge, 'line'],
    ['rollover', LINK_COLORS.rollover, 'line'],
    ['trim horizon', TRIM_COLOR, 'dash'],
  ];
  const out: string[] = [];
  let left = LEFT;
  for (const [label, color, kind] of items) {
    if (kind === 'bar') out.push(`<rect x="${left}" y="${top - 9}" width="14" height="10" fill="${color}"/>`);
    else
      out.push(
        `<line x1="${left}" x2="${left + 14}" y1="${top - 4}" y2="${top - 4}" stroke="${color}" stroke-width="2"${kind === 'dash' ? ' stroke-dasharray="4,2"' : ''}/>`,
      );
    out.push(`<text x="${left + 18}" y="${top}" font-size="11">${label}</text>`);
    left += 26 + label.length * 6;
  }
  return out;
}

/** Every shard in a table: key, id, range, times, how it ended, and its record counts. */
function table(placements: readonly ShardPlacement[], from: number, top: number): string[] {
  const offsets = [0, 28, 290, 390, 460, 530, 600, 700, 770, 820];
  const cells = (values: string[], rowY: number, weight: string): string =>
    `<text y="${rowY}" font-size="11" font-family="Menlo, Consolas, monospace"${weight}>${values
      .map((value, i) => `<tspan x="${LEFT + (offsets[i] as number)}">${escapeXml(value)}</tspan>`)
      .join('')}</text>`;
  const out = [cells(SHARD_TABLE_HEADER, top, ' font-weight="bold"')];
  placements.forEach((p, i) => out.push(cells(shardTableRow(p, from), top + ROW * (i + 1), '')));
  return out;
}
