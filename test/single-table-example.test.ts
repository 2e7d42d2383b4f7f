import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runSingleTableExample } from '../examples/single-table-indexes.js';

describe('examples/single-table-indexes.ts (the example of docs/indexes.md)', () => {
  it('answers each access pattern from its index, refuses what AWS refuses, and streams one record per write', async () => {
    const lines: string[] = [];
    const { audit, view } = await runSingleTableExample((line) => lines.push(line));
    expect(lines).toEqual([
      'refused: ValidationException: One or more parameter values were invalid: Type mismatch for Index Key total Expected: N Actual: S IndexName: LSI1',
      'customer by email: CUSTOMER#bob',
      'pending orders: ORDER#o2 (status=PENDING total=150)',
      'shipped orders placed 09:00-12:00: ORDER#o1 (status=SHIPPED total=40), ORDER#o3 (status=SHIPPED total=75)',
      'refused: ValidationException: One or more parameter values were invalid: Global secondary index GSI1 does not project [lines]',
      "ann's orders, largest first: ORDER#o2 (status=PENDING total=150), ORDER#o1 (status=SHIPPED total=40)",
      'stream: 7 records for 7 writes',
      ...audit.map((line) => `  ${line}`),
      'orders by status: PENDING=1 SHIPPED=2',
    ]);
    expect(audit).toEqual([
      'INSERT CUSTOMER#ann PROFILE',
      'INSERT CUSTOMER#bob PROFILE',
      'INSERT CUSTOMER#ann ORDER#o1 - -> PENDING',
      'INSERT CUSTOMER#ann ORDER#o2 - -> PENDING',
      'INSERT CUSTOMER#bob ORDER#o3 - -> PENDING',
      'MODIFY CUSTOMER#ann ORDER#o1 PENDING -> SHIPPED',
      'MODIFY CUSTOMER#bob ORDER#o3 PENDING -> SHIPPED',
    ]);
    expect(view).toEqual({ PENDING: 1, SHIPPED: 2 });
  });
});

describe('examples/single-table-indexes.ts in docs/indexes.md', () => {
  it('is printed there word for word', () => {
    const page = readFileSync(new URL('../docs/indexes.md', import.meta.url), 'utf8');
    const example = readFileSync(new URL('../examples/single-table-indexes.ts', import.meta.url), 'utf8');
    expect(page).toContain('```typescript\n' + example + '```');
  });
});
