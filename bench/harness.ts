/**
 * Shared pieces of the benchmarks: timing, the benchmark item, table setup, and output (a readable table,
 * or JSON lines with `--json`). Real time is read here and only here (bench/ is outside src/'s clock rule).
 *
 * Run a single benchmark:   node --expose-gc --import tsx bench/<name>.ts [--json]
 * Run them all:             npm run bench [-- --json]
 */
import { spawn } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { pathToFileURL } from 'node:url';
import { Database, ManualClock, type AttributeMap, type StreamOptions, type Table } from '../src/index.js';
import { itemSize } from '../src/model/index.js';

// ------------------------------------------------------------------ figures and output

/** One reported number. `baseline` and `ratio` (value / baseline) appear where a figure is compared. */
export interface Figure {
  name: string;
  value: number;
  unit: string;
  baseline?: number;
  ratio?: number;
  /** The target, as text (e.g. "ratio >= 0.40"), when the figure has one. */
  target?: string;
  /** Whether the target is met (only with `target`). */
  met?: boolean;
}

export const wantsJson = (argv: readonly string[] = process.argv): boolean => argv.includes('--json');

/** Rounds a figure for output: 4 significant digits, integers above 1000. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 1000) return Math.round(value);
  return Number(value.toPrecision(4));
}

/** The figure as one JSON line, keys in a fixed order. */
export function jsonLine(figure: Figure): string {
  const out: Record<string, unknown> = { name: figure.name, value: round(figure.value), unit: figure.unit };
  if (figure.baseline !== undefined) out.baseline = round(figure.baseline);
  if (figure.ratio !== undefined) out.ratio = round(figure.ratio);
  if (figure.target !== undefined) out.target = figure.target;
  if (figure.met !== undefined) out.met = figure.met;
  return JSON.stringify(out);
}

function formatNumber(value: number | undefined): string {
  if (value === undefined) return '';
  if (!Number.isFinite(value)) return String(value);
  const r = round(value);
  return Math.abs(r) >= 1000 ? r.toLocaleString('en-US') : String(r);
}

/** A plain-text table of figures. */
export function formatTable(figures: readonly Figure[]): string {
  const header = ['figure', 'value', 'unit', 'baseline', 'ratio', 'target', 'met'];
  const rows = figures.map((f) => [
    f.name,
    formatNumber(f.value),
    f.unit,
    formatNumber(f.baseline),
    formatNumber(f.ratio),
    f.target ?? '',
    f.met === undefined ? '' : f.met ? 'yes' : 'NO',
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((row) => (row[i] as string).length)));
  const numeric = new Set([1, 3, 4]);
  const line = (cells: readonly string[]) =>
    cells
      .map((cell, i) => (numeric.has(i) ? cell.padStart(widths[i] as number) : cell.padEnd(widths[i] as number)))
      .join('  ')
      .trimEnd();
  return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n');
}

export function printFigures(figures: readonly Figure[], json = wantsJson()): void {
  if (json) for (const figure of figures) process.stdout.write(jsonLine(figure) + '\n');
  else process.stdout.write(formatTable(figures) + '\n');
}

/** Progress and notes go to stderr, so `--json` output stays clean. */
export function note(message: string): void {
  process.stderr.write(`${message}\n`);
}

/** A compared figure: value, baseline, ratio and, optionally, a target on the ratio or the value. */
export function compared(
  name: string,
  value: number,
  unit: string,
  baseline: number,
  target?: { text: string; met: boolean },
): Figure {
  const figure: Figure = { name, value, unit, baseline, ratio: value / baseline };
  if (target !== undefined) {
    figure.target = target.text;
    figure.met = target.met;
  }
  return figure;
}

// ------------------------------------------------------------------ timing

export const now = (): number => performance.now();

export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 === 1
    ? (sorted[mid] as number)
    : ((sorted[mid - 1] as number) + (sorted[mid] as number)) / 2;
}

/** A full collection when the process runs with --expose-gc (twice: the first may only free weak things). */
export function gc(): void {
  const collect = (globalThis as { gc?: () => void }).gc;
  if (collect === undefined) return;
  collect();
  collect();
}

export function hasGc(): boolean {
  return typeof (globalThis as { gc?: unknown }).gc === 'function';
}

/** Milliseconds one call of `fn` takes (after a full gc, so garbage from earlier work is not charged to it). */
export function timeOnce(fn: () => void): number {
  gc();
  const start = now();
  fn();
  return now() - start;
}

// ------------------------------------------------------------------ the benchmark item

/**
 * Item i: a string partition key and two attributes, exactly 100 bytes by AWS's size rules:
 *   pk    "user-" + 12 digits  ->  2 + 17 = 19
 *   count 5-digit number, last digit 1 -> 5 + 4 = 9 (1 exponent byte + 3 base-100 pairs)
 *   data  68 characters        ->  4 + 68 = 72
 * Keys are distinct for distinct i; the payload differs per item too, as real data would. Strings are
 * built with `join` so they are flat, as strings from JSON.parse or the network are (`+` would make
 * V8 cons strings, whose extra memory would depend on who flattens them first).
 */
export function keyOf(i: number): string {
  return ['user-', String(i).padStart(12, '0')].join('');
}

const PAYLOAD_TAIL = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789-_abcdefghijklmnopqrstuvwxyz'.slice(
  0,
  55,
);

export function makeItem(i: number): AttributeMap {
  return {
    pk: { S: keyOf(i) },
    count: { N: String(10_001 + 10 * (i % 8_999)) },
    data: { S: ['d', String(i).padStart(12, '0'), PAYLOAD_TAIL].join('') },
  };
}

export const ITEM_BYTES = 100;

/** Items [from, from + count), built before a timed section so the timing measures only the writes. */
export function makeItems(from: number, count: number): AttributeMap[] {
  const items = new Array<AttributeMap>(count);
  for (let i = 0; i < count; i++) items[i] = makeItem(from + i);
  return items;
}

/** Fails loudly if the benchmark item drifted from 100 bytes. */
export function checkItemSize(): void {
  for (const i of [0, 1, 99_999, 999_999, 1_234_567]) {
    const size = itemSize(makeItem(i));
    if (size !== ITEM_BYTES) throw new Error(`bench item ${i} is ${size} bytes, expected ${ITEM_BYTES}`);
  }
}

// ------------------------------------------------------------------ the table under test

/** Automatic stream policies off, so they don't interfere with what is measured. */
export const QUIET_STREAM: StreamOptions = { splitOnWriteRate: false, rolloverAfter: false };

export interface BenchTable {
  db: Database;
  table: Table;
  clock: ManualClock;
}

/** A fresh Database on a ManualClock with one NEW_AND_OLD_IMAGES table (string partition key `pk`). */
export async function createBenchTable(streamOptions: StreamOptions = {}): Promise<BenchTable> {
  const clock = new ManualClock();
  const db = await Database.create({ clock, seed: 42 });
  const table = db.createTable({
    TableName: 'bench',
    KeySchema: [{ AttributeName: 'pk', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'pk', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: 'NEW_AND_OLD_IMAGES' },
    streamOptions: { ...QUIET_STREAM, ...streamOptions },
  });
  return { db, table, clock };
}

/** Puts items [from, from + count), building each input on the way (for untimed fills). */
export function fill(table: Table, from: number, count: number): void {
  for (let i = from; i < from + count; i++) table.putItem({ Item: makeItem(i) });
}

// ------------------------------------------------------------------ running

/** Whether the module with this import.meta.url is the script node was started with. */
export function isMain(url: string): boolean {
  const script = process.argv[1];
  return script !== undefined && pathToFileURL(script).href === url;
}

/** Runs a benchmark file on its own: prints its figures (table or JSON lines) and exits non-zero on error. */
export function runStandalone(title: string, run: () => Promise<Figure[]>): void {
  if (!hasGc()) note(`(${title}: run with node --expose-gc for steadier numbers; some figures need it)`);
  run().then(
    (figures) => {
      if (!wantsJson()) process.stdout.write(`\n${title}\n`);
      printFigures(figures);
    },
    (error: unknown) => {
      process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
      process.exitCode = 1;
    },
  );
}

/** Node flags for a child benchmark process: the tsx loader and an exposed gc. */
export const CHILD_NODE_FLAGS = ['--expose-gc', '--import', 'tsx'];

/** Runs a TypeScript file in a fresh node process and returns its stdout (stderr passes through). */
export function runChild(
  file: string,
  args: readonly string[] = [],
  nodeFlags: readonly string[] = [],
): Promise<string> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [...CHILD_NODE_FLAGS, ...nodeFlags, file, ...args], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    let out = '';
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      out += chunk;
    });
    child.on('error', reject);
    child.on('close', (code) => {
      if (code === 0) resolve(out);
      else reject(new Error(`${file} ${args.join(' ')} exited with code ${String(code)}`));
    });
  });
}

/** Parses JSON-lines output of a child benchmark into figures. */
export function parseFigures(text: string): Figure[] {
  return text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line.startsWith('{'))
    .map((line) => JSON.parse(line) as Figure);
}
