/**
 * A hand-written SVG chart of shard load (no dependency), for bench/hash-distribution.ts: a grid of panels,
 * one row per key distribution, one column per shard layout. In every panel the x axis is the hash space
 * [0, 2^64) and each shard is a bar over its own hash range, so the unequal ranges left by automatic splits
 * are drawn at their true widths; a bar's height is the shard's count divided by what a perfectly even
 * spread would give it (count / (N · range width / 2^64)), so 1 means "exactly its share", whatever the
 * range width. Output is deterministic (fixed decimals, no dates, no ids) so the file can be committed.
 */

export interface ChartBar {
  /** The range, as fractions of the hash space: [start, end). */
  start: number;
  end: number;
  observed: number;
  expected: number;
}

export interface ChartPanel {
  title: string;
  /** Lines under the title. */
  subtitle: string[];
  bars: ChartBar[];
}

export interface ChartRow {
  label: string;
  color: string;
  panels: ChartPanel[];
}

export interface Chart {
  title: string;
  subtitle: string;
  rows: ChartRow[];
  notes: string[];
}

const WIDTH = 1260;
const LEFT = 70;
const RIGHT = 20;
const GAP = 40;
const TOP = 86;
const ROW_LABEL = 26;
const PANEL_TITLE = 46;
const PLOT_HEIGHT = 140;
const AXIS = 34;
const ROW_GAP = 16;
const NOTE_LINE = 17;

const escapeXml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const fmt = (value: number): string => (Math.round(value * 100) / 100).toFixed(2).replace(/\.?0+$/, '');
const thousands = (value: number): string => Math.round(value).toLocaleString('en-US');

/** A y-axis top and tick step that read well: at least 1.25, so the "even" line never touches the top. */
function niceScale(maxValue: number): { top: number; step: number } {
  const target = Math.max(1.25, maxValue * 1.05);
  for (const step of [0.25, 0.5, 1, 2, 5, 10, 20, 50, 100]) {
    const top = Math.ceil(target / step) * step;
    if (top / step <= 6) return { top, step };
  }
  return { top: Math.ceil(target / 100) * 100, step: Math.ceil(target / 500) * 100 };
}

export function renderShardLoadSvg(chart: Chart): string {
  const columns = Math.max(...chart.rows.map((row) => row.panels.length));
  const panelWidth = (WIDTH - LEFT - RIGHT - GAP * (columns - 1)) / columns;
  const rowHeight = ROW_LABEL + PANEL_TITLE + PLOT_HEIGHT + AXIS + ROW_GAP;
  const notesTop = TOP + chart.rows.length * rowHeight + 8;
  const height = notesTop + chart.notes.length * NOTE_LINE + 16;
  const out: string[] = [];
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" width="${WIDTH}" height="${height}" viewBox="0 0 ${WIDTH} ${height}" font-family="Helvetica, Arial, sans-serif" font-size="12">`,
    `<title>${escapeXml(chart.title)}</title>`,
    `<rect width="${WIDTH}" height="${height}" fill="#ffffff"/>`,
    `<text x="${WIDTH / 2}" y="30" text-anchor="middle" font-size="19" font-weight="bold">${escapeXml(chart.title)}</text>`,
    `<text x="${WIDTH / 2}" y="52" text-anchor="middle" font-size="13" fill="#444">${escapeXml(chart.subtitle)}</text>`,
    `<text x="${WIDTH / 2}" y="72" text-anchor="middle" font-size="12" fill="#444">x: hash key range, 0 to 2^64 (each bar spans its shard's range) · y: shard's count / its even share (1 = exactly even)</text>`,
  );
  chart.rows.forEach((row, r) => {
    const rowTop = TOP + r * rowHeight;
    out.push(
      `<text x="${LEFT - 52}" y="${rowTop + 17}" font-size="14" font-weight="bold" fill="${row.color}">${escapeXml(row.label)}</text>`,
    );
    let rowMax = 0;
    for (const panel of row.panels)
      for (const bar of panel.bars) rowMax = Math.max(rowMax, bar.observed / bar.expected);
    const { top, step } = niceScale(rowMax);
    row.panels.forEach((panel, c) => {
      const x0 = LEFT + c * (panelWidth + GAP);
      const titleTop = rowTop + ROW_LABEL;
      const y0 = titleTop + PANEL_TITLE;
      const yOf = (value: number): number => y0 + PLOT_HEIGHT - (Math.min(value, top) / top) * PLOT_HEIGHT;
      out.push(
        `<g>`,
        `<text x="${fmt(x0)}" y="${titleTop + 12}" font-size="13" font-weight="bold">${escapeXml(panel.title)}</text>`,
        ...panel.subtitle.map(
          (line, i) =>
            `<text x="${fmt(x0)}" y="${titleTop + 26 + 13 * i}" font-size="11" fill="#444">${escapeXml(line)}</text>`,
        ),
        `<rect x="${fmt(x0)}" y="${y0}" width="${fmt(panelWidth)}" height="${PLOT_HEIGHT}" fill="#f7f7f7" stroke="#999" stroke-width="0.5"/>`,
      );
      // Horizontal grid and y tick labels.
      for (let tick = 0; tick <= top + 1e-9; tick += step) {
        const y = fmt(yOf(tick));
        out.push(
          `<line x1="${fmt(x0)}" x2="${fmt(x0 + panelWidth)}" y1="${y}" y2="${y}" stroke="#ddd" stroke-width="0.5"/>`,
        );
        out.push(
          `<text x="${fmt(x0 - 4)}" y="${fmt(yOf(tick) + 4)}" text-anchor="end" font-size="10" fill="#555">${fmt(tick)}</text>`,
        );
      }
      // Bars: one per shard over its hash range, a 1-pixel gap when there is room for it.
      for (const [i, bar] of panel.bars.entries()) {
        const left = x0 + bar.start * panelWidth;
        const full = (bar.end - bar.start) * panelWidth;
        const width = full > 3 ? full - 1 : full;
        const load = bar.observed / bar.expected;
        const y = yOf(load);
        const clipped = load > top ? ' (clipped)' : '';
        out.push(
          `<rect x="${fmt(left)}" y="${fmt(y)}" width="${fmt(Math.max(width, 0.4))}" height="${fmt(y0 + PLOT_HEIGHT - y)}" fill="${row.color}"><title>shard ${i}: ${thousands(bar.observed)} (even share ${thousands(bar.expected)}), load ${load.toFixed(3)}${clipped}</title></rect>`,
        );
      }
      // The even line, the x axis and its labels.
      const even = fmt(yOf(1));
      out.push(
        `<line x1="${fmt(x0)}" x2="${fmt(x0 + panelWidth)}" y1="${even}" y2="${even}" stroke="#c00" stroke-width="1" stroke-dasharray="5,3"/>`,
        `<text x="${fmt(x0 + panelWidth - 3)}" y="${fmt(yOf(1) - 3)}" text-anchor="end" font-size="10" fill="#c00">even</text>`,
      );
      const axisY = y0 + PLOT_HEIGHT;
      for (const [fraction, label] of [
        [0, '0'],
        [0.25, '2^62'],
        [0.5, '2^63'],
        [0.75, '3·2^62'],
        [1, '2^64'],
      ] as const) {
        const x = fmt(x0 + fraction * panelWidth);
        out.push(`<line x1="${x}" x2="${x}" y1="${axisY}" y2="${axisY + 4}" stroke="#555"/>`);
        out.push(`<text x="${x}" y="${axisY + 15}" text-anchor="middle" font-size="10" fill="#555">${label}</text>`);
      }
      out.push(
        `<text x="${fmt(x0 + panelWidth / 2)}" y="${axisY + 29}" text-anchor="middle" font-size="10" fill="#777">hash key range</text>`,
      );
      out.push(
        `<text transform="translate(${fmt(x0 - 30)},${fmt(y0 + PLOT_HEIGHT / 2)}) rotate(-90)" text-anchor="middle" font-size="10" fill="#777">count / even share</text>`,
        `</g>`,
      );
    });
  });
  chart.notes.forEach((line, i) => {
    out.push(
      `<text x="${LEFT - 52}" y="${notesTop + i * NOTE_LINE + 12}" font-size="12" fill="#333">${escapeXml(line)}</text>`,
    );
  });
  out.push('</svg>');
  return out.join('\n') + '\n';
}
