import { describe, expect, it } from 'vitest';
import { LossLedger } from '../../src/reader/loss-ledger.js';

describe('LossLedger: one shard loss bookkeeping, written only through its methods', () => {
  it('adds counted losses, and an uncounted one makes the total unknown and is remembered as reported', () => {
    const ledger = new LossLedger();
    ledger.record(3);
    ledger.record(2);
    expect(ledger.lost).toBe(5);
    expect(ledger.uncountedReported).toBe(false);
    ledger.record(undefined);
    expect(ledger.lost).toBeUndefined();
    expect(ledger.uncountedReported).toBe(true);
    ledger.record(4);
    expect(ledger.lost).toBeUndefined();
    ledger.positionAccepted();
    expect(ledger.uncountedReported).toBe(false);
  });

  it('a loss covered by a parent report has no size of its own', () => {
    const ledger = new LossLedger();
    ledger.cover();
    expect(ledger.lost).toBeUndefined();
    expect(ledger.uncountedReported).toBe(true);
  });

  it('a position with nothing read carries what is not owed and what was reported; moving past a record drops both', () => {
    const ledger = new LossLedger();
    expect(ledger.accountedFor).toBeUndefined();
    ledger.restart(10);
    ledger.noteReported(4);
    ledger.noteReported(2); // a smaller count later is not a new report
    expect(ledger.reported).toBe(4);
    expect(ledger.accountedFor).toBe(14);
    ledger.movedPast();
    expect(ledger.notOwed).toBeUndefined();
    expect(ledger.reported).toBe(0);
    expect(ledger.accountedFor).toBeUndefined();
  });

  it('passes over the records not owed that are still retained when a TRIM_HORIZON iterator starts, across pages', () => {
    const ledger = new LossLedger();
    ledger.excuseFirst(7);
    ledger.iteratorAtTrimHorizon(2); // 2 of the 7 already trimmed: 5 retained to pass over
    expect(ledger.passOver).toBe(5);
    expect(ledger.takePassOver(3)).toBe(3);
    expect(ledger.takePassOver(3)).toBe(2);
    expect(ledger.takePassOver(3)).toBe(0);
    ledger.iteratorAtTrimHorizon(undefined); // a source that cannot count passes over nothing
    expect(ledger.passOver).toBe(0);
    ledger.iteratorAtTrimHorizon(9); // more trimmed than not owed
    expect(ledger.passOver).toBe(0);
  });
});
