/**
 * document-path.ts: reading at a path, and the copy-on-write draft that UpdateItem writes through (stored items are
 * frozen and shared with stream records, so a write copies only the maps and lists on its way).
 */
import { describe, expect, it } from 'vitest';
import { ItemDraft, readPath, readPathForUpdate } from '../../src/expression/document-path.js';
import type { AttributeMap } from '../../src/model/attribute-value.js';

const item: AttributeMap = Object.freeze({
  m: Object.freeze({ M: Object.freeze({ l: Object.freeze({ L: Object.freeze([{ S: 'a' }, { S: 'b' }]) }) }) }),
  s: Object.freeze({ S: 's' }),
}) as unknown as AttributeMap;

describe('readPath', () => {
  it.each([
    [['m', 'l', 1], { S: 'b' }],
    [['m', 'l', 2], undefined],
    [['s', 0], undefined],
    [['s', 'x'], undefined],
    [['m', 'constructor'], undefined],
    [['toString'], undefined],
  ] as const)('%j', (path, expected) => {
    expect(readPath(item, path)).toEqual(expected);
  });

  it('refuses a path through a missing or mistyped parent for an update, not a missing last step', () => {
    expect(readPathForUpdate(item, ['m', 'l', 9])).toBeUndefined();
    expect(readPathForUpdate(undefined, ['a'])).toBeUndefined();
    for (const path of [
      ['s', 0],
      ['q', 'x'],
      ['m', 'l', 'x'],
      ['m', 0],
    ]) {
      expect(() => readPathForUpdate(item, path)).toThrow(
        'The document path provided in the update expression is invalid for update',
      );
    }
    expect(() => readPathForUpdate(undefined, ['m', 'x'])).toThrow('invalid for update');
  });
});

describe('ItemDraft', () => {
  it('is the original item until something is written', () => {
    const draft = new ItemDraft(item);
    draft.remove(['q']);
    draft.remove(['m', 'l', 5]);
    expect(draft.result()).toBe(item);
  });

  it('copies a nested list once for several writes, and shares the rest', () => {
    const draft = new ItemDraft(item);
    draft.set(['m', 'l', 0], { S: 'x' });
    draft.set(['m', 'l', 5], { S: 'y' });
    draft.remove(['m', 'l', 1]);
    const result = draft.result();
    expect(result).toEqual({ m: { M: { l: { L: [{ S: 'x' }, { S: 'y' }] } } }, s: { S: 's' } });
    expect(result.s).toBe(item.s);
    expect(item.m?.M?.l?.L).toEqual([{ S: 'a' }, { S: 'b' }]);
  });

  it('writes and removes top-level attributes, __proto__ included, without touching the original', () => {
    const draft = new ItemDraft(item);
    draft.remove(['s']);
    draft.set(['__proto__'], { S: 'p' });
    draft.set(['n'], { N: '1' });
    const result = draft.result();
    expect(Object.keys(result)).toEqual(['m', '__proto__', 'n']);
    expect(Object.getPrototypeOf(result)).toBe(Object.prototype);
    expect(Object.keys(item)).toEqual(['m', 's']);
  });
});
