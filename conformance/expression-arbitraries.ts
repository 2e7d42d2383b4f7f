/**
 * fast-check generators of DynamoDB expressions for random-expressions.test.ts: condition, update, key-condition,
 * filter and projection expressions with their ExpressionAttributeNames and ExpressionAttributeValues, over items
 * of every attribute type. About half of what they draw is valid; the rest carries one fault each (a syntax error,
 * a reserved word as a name, an undefined or unused placeholder, a wrong operand type, overlapping paths, a key
 * attribute updated, ...), so that AWS's error texts and the order it checks them in are compared too.
 *
 * The table is `id` (S) and `sk` (N) (idSkTable); items use the attributes `a`, `b`, `c`, `l`, `m` and `status`
 * (a reserved word, reachable only through a `#name`).
 */
import type { AttributeValue } from '@aws-sdk/client-dynamodb';
import fc from 'fast-check';

export type Item = Record<string, AttributeValue>;

/** An expression and the placeholders it uses. */
export interface Expr {
  readonly text: string;
  readonly names: Readonly<Record<string, string>>;
  readonly values: Readonly<Record<string, AttributeValue>>;
}

/** An expression parameter ready for a request: the text and the placeholder maps (left out when empty). */
export interface ExpressionParameters {
  readonly text: string;
  readonly ExpressionAttributeNames?: Record<string, string>;
  readonly ExpressionAttributeValues?: Record<string, AttributeValue>;
}

const lit = (text: string): Expr => ({ text, names: {}, values: {} });

/** The fragments joined into one text, their placeholders merged (a later fragment's value wins a shared name). */
function join(...parts: (Expr | string)[]): Expr {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  let text = '';
  for (const part of parts) {
    if (typeof part === 'string') {
      text += part;
      continue;
    }
    text += part.text;
    Object.assign(names, part.names);
    Object.assign(values, part.values);
  }
  return { text, names, values };
}

// ------------------------------------------------------------------ attribute values

/** Numbers written many ways: canonical, with leading or trailing zeros, exponents, 38 digits, the extremes. */
const NUMBERS = [
  '0',
  '-0',
  '1',
  '01',
  '1.0',
  '10E-1',
  '-7',
  '2.50',
  '1e3',
  '1.5E2',
  '0.001',
  '99999999999999999999999999999999999999',
  '-12345678901234567890.123456789012345678',
  '9.9999999999999999999999999999999999999E+125',
  '1E-130',
];
const STRINGS = ['', 'x', 'ab', 'abc', 'é€', 'Z'];
const bytes = (...b: number[]) => new Uint8Array(b);

const scalar: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.constantFrom(...STRINGS).map((S) => ({ S })),
  fc.constantFrom(...NUMBERS).map((N) => ({ N })),
  fc.constantFrom(bytes(), bytes(1), bytes(1, 2)).map((B) => ({ B })),
  fc.boolean().map((BOOL) => ({ BOOL })),
  fc.constant({ NULL: true as const }),
);
const set: fc.Arbitrary<AttributeValue> = fc.oneof(
  fc.constantFrom<string[]>(['x'], ['ab', 'x'], ['', 'a']).map((SS) => ({ SS: [...SS] })),
  fc.constantFrom<string[]>(['1'], ['2', '1.0'], ['-3', '7']).map((NS) => ({ NS: [...NS] })),
  fc.constantFrom<number[][]>([[1]], [[2], [1]]).map((bs) => ({ BS: bs.map((b) => bytes(...b)) })),
);
const leaf = fc.oneof({ weight: 4, arbitrary: scalar }, { weight: 1, arbitrary: set });
const mapKey = fc.constantFrom('p', 'q');
/** Any attribute value, maps and lists two deep. */
export const attributeValue: fc.Arbitrary<AttributeValue> = fc.oneof(
  { weight: 6, arbitrary: leaf },
  {
    weight: 2,
    arbitrary: fc
      .array(
        fc.oneof(
          leaf,
          fc.array(leaf, { maxLength: 2 }).map((L) => ({ L })),
        ),
        { maxLength: 3 },
      )
      .map((L) => ({ L })),
  },
  {
    weight: 2,
    arbitrary: fc
      .dictionary(
        mapKey,
        fc.oneof(
          leaf,
          fc.dictionary(mapKey, leaf, { maxKeys: 2 }).map((M) => ({ M })),
        ),
        {
          maxKeys: 2,
        },
      )
      .map((M) => ({ M })),
  },
);

/** Values an ExpressionAttributeValues entry may not hold. */
const badValue = fc.constantFrom<AttributeValue>(
  { SS: [] },
  { NS: [] },
  { N: '1e126' },
  { N: '1234567890123456789012345678901234567890' },
  { N: 'abc' },
  { L: [{ SS: [] }] },
  { M: { p: { NS: [] } } },
);

export const KEY_IDS = ['a', 'b'] as const;
export const KEY_SKS = ['1', '2', '01', '3'] as const;
export const idValue = fc.constantFrom(...KEY_IDS).map((S): AttributeValue => ({ S }));
export const skValue = fc.constantFrom(...KEY_SKS).map((N): AttributeValue => ({ N }));
export const key: fc.Arbitrary<Item> = fc.record({ id: idValue, sk: skValue });

/** The non-key attributes of items; `l` is most often a list and `m` a map, so that paths into them resolve. */
const listValue = fc.array(attributeValue, { minLength: 1, maxLength: 3 }).map((L): AttributeValue => ({ L }));
const mapValue = fc.dictionary(mapKey, attributeValue, { minKeys: 1, maxKeys: 2 }).map((M): AttributeValue => ({ M }));
export const item: fc.Arbitrary<Item> = fc
  .tuple(
    key,
    fc.record(
      {
        a: attributeValue,
        b: attributeValue,
        c: fc.constantFrom(...NUMBERS.slice(0, 9)).map((N): AttributeValue => ({ N })),
        l: fc.oneof({ weight: 4, arbitrary: listValue }, { weight: 1, arbitrary: attributeValue }),
        m: fc.oneof({ weight: 4, arbitrary: mapValue }, { weight: 1, arbitrary: attributeValue }),
        status: fc.constantFrom('on', 'off').map((S): AttributeValue => ({ S })),
      },
      { requiredKeys: [] },
    ),
  )
  .map(([k, rest]) => ({ ...rest, ...k }));

// ------------------------------------------------------------------ paths and operands

const ATTRIBUTES = ['a', 'b', 'c', 'l', 'm', 'status', 'id', 'sk'] as const;
/** Names an expression may not use bare (a sample of the developer guide's reserved words). */
const RESERVED = ['status', 'size', 'name', 'data', 'count', 'value'] as const;

/** `#a` or `#_a` for `a`: one placeholder never stands for two names when fragments merge. */
const namePlaceholder = fc
  .tuple(fc.constantFrom('#', '#_'), fc.constantFrom(...ATTRIBUTES))
  .map(([prefix, name]): Expr => ({ text: `${prefix}${name}`, names: { [`${prefix}${name}`]: name }, values: {} }));
const root: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 18, arbitrary: namePlaceholder },
  { weight: 12, arbitrary: fc.constantFrom('a', 'b', 'c', 'l', 'm', 'id', 'sk').map(lit) },
  { weight: 1, arbitrary: fc.constantFrom(...RESERVED).map(lit) },
);
const step: fc.Arbitrary<Expr> = fc.oneof(
  fc.constantFrom('.p', '.q', '[0]', '[1]', '[4]').map(lit),
  fc.constant<Expr>({ text: '.#p', names: { '#p': 'p' }, values: {} }),
);
/** A document path: a name and up to two map keys or list indexes. */
export const path: fc.Arbitrary<Expr> = fc
  .tuple(root, fc.array(step, { maxLength: 2 }), fc.integer({ min: 0, max: 5 }))
  .map(([r, steps, depth]) => join(r, ...(depth < 3 ? [] : steps)));
/** A top-level attribute, for the places where a path into a list or map would often not resolve. */
const topPath = root;

const valuePlaceholder = fc.constantFrom(':v', ':w', ':x', ':y');
/** A `:value` holding any attribute value (rarely one DynamoDB refuses). */
export const value: fc.Arbitrary<Expr> = fc
  .tuple(valuePlaceholder, fc.oneof({ weight: 20, arbitrary: attributeValue }, { weight: 1, arbitrary: badValue }))
  .map(([placeholder, v]): Expr => ({ text: placeholder, names: {}, values: { [placeholder]: v } }));
const valueOf = (arbitrary: fc.Arbitrary<AttributeValue>) =>
  fc
    .tuple(valuePlaceholder, arbitrary)
    .map(([placeholder, v]): Expr => ({ text: placeholder, names: {}, values: { [placeholder]: v } }));
const numberValue = valueOf(fc.constantFrom(...NUMBERS).map((N) => ({ N })));
const stringValue = valueOf(fc.constantFrom(...STRINGS).map((S) => ({ S })));

const operand: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 4, arbitrary: path },
  { weight: 4, arbitrary: value },
  { weight: 1, arbitrary: path.map((p) => join('size(', p, ')')) },
);

// ------------------------------------------------------------------ conditions (and filters)

const COMPARATORS = ['=', '<>', '<', '<=', '>', '>='] as const;
const TYPE_NAMES = ['S', 'SS', 'N', 'NS', 'B', 'BS', 'BOOL', 'NULL', 'L', 'M', 'STRING'] as const;

const atom: fc.Arbitrary<Expr> = fc.oneof(
  {
    weight: 10,
    arbitrary: fc.tuple(operand, fc.constantFrom(...COMPARATORS), operand).map(([l, op, r]) => join(l, ` ${op} `, r)),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(operand, operand, operand).map(([x, lo, hi]) => join(x, ' BETWEEN ', lo, ' AND ', hi)),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(operand, fc.array(operand, { minLength: 1, maxLength: 3 }))
      .map(([x, list]) => join(x, ' IN (', ...list.flatMap((o, i) => (i === 0 ? [o] : [', ', o])), ')')),
  },
  { weight: 4, arbitrary: path.map((p) => join('attribute_exists(', p, ')')) },
  { weight: 4, arbitrary: path.map((p) => join('attribute_not_exists(', p, ')')) },
  {
    weight: 1,
    arbitrary: fc
      .tuple(path, valuePlaceholder, fc.constantFrom(...TYPE_NAMES))
      .map(([p, placeholder, t]) =>
        join('attribute_type(', p, ', ', { text: placeholder, names: {}, values: { [placeholder]: { S: t } } }, ')'),
      ),
  },
  {
    weight: 1,
    arbitrary: fc.tuple(path, fc.oneof(stringValue, operand)).map(([p, o]) => join('begins_with(', p, ', ', o, ')')),
  },
  { weight: 1, arbitrary: fc.tuple(path, operand).map(([p, o]) => join('contains(', p, ', ', o, ')')) },
  // Not a condition on its own: `The function is not allowed to be used this way in an expression`.
  { weight: 1, arbitrary: path.map((p) => join('size(', p, ')')) },
);

/** A condition: atoms under NOT, AND, OR and parentheses, up to three levels. */
export const condition: fc.Arbitrary<Expr> = fc.letrec<{ cond: Expr }>((tie) => ({
  cond: fc.oneof(
    { depthSize: 'small', withCrossShrink: true },
    { weight: 5, arbitrary: atom },
    { weight: 1, arbitrary: tie('cond').map((c) => join('NOT ', c)) },
    // Never `((x))`: DynamoDB Local refuses redundant parentheses ("The expression has redundant parentheses;"),
    // which AWS is not known to do (nubo-db/dynamodb-conformance checks only single and nested, non-redundant ones).
    {
      weight: 1,
      arbitrary: tie('cond').map((c) => (c.text.startsWith('(') && c.text.endsWith(')') ? c : join('(', c, ')'))),
    },
    {
      weight: 2,
      arbitrary: fc
        .tuple(tie('cond'), fc.constantFrom(' AND ', ' OR ', ' and ', ' or '), tie('cond'))
        .map(([l, op, r]) => join(l, op, r)),
    },
  ),
})).cond;

// ------------------------------------------------------------------ updates

const setValue: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 5, arbitrary: value },
  { weight: 2, arbitrary: path },
  {
    weight: 3,
    arbitrary: fc
      .tuple(fc.oneof(path, numberValue), fc.constantFrom(' + ', ' - '), fc.oneof(numberValue, path))
      .map(([l, op, r]) => join(l, op, r)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(
        fc.oneof(path, valueOf(fc.array(scalar, { maxLength: 2 }).map((L) => ({ L })))),
        fc.oneof(valueOf(fc.array(scalar, { maxLength: 2 }).map((L) => ({ L }))), path, value),
      )
      .map(([l, r]) => join('list_append(', l, ', ', r, ')')),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(fc.oneof({ weight: 4, arbitrary: path }, { weight: 1, arbitrary: value }), value)
      .map(([p, v]) => join('if_not_exists(', p, ', ', v, ')')),
  },
);
/** An update action and the attribute it writes (its path's first name, placeholders resolved). */
interface Action extends Expr {
  readonly root: string;
}
const rootOf = (p: Expr): string => {
  const first = /^#?\w+/.exec(p.text)?.[0] ?? '';
  return p.names[first] ?? first;
};
const setAction = fc.tuple(path, setValue).map(([p, v]): Action => ({ ...join(p, ' = ', v), root: rootOf(p) }));
const removeAction = path.map((p): Action => ({ ...p, root: rootOf(p) }));
/** ADD and DELETE take a top-level attribute and, to be valid, a number or a set (DELETE: a set). */
const addAction = fc
  .tuple(
    topPath,
    fc.oneof(
      {
        weight: 8,
        arbitrary: valueOf(
          fc.oneof(
            set,
            fc.constantFrom(...NUMBERS).map((N) => ({ N })),
          ),
        ),
      },
      { weight: 1, arbitrary: value },
    ),
  )
  .map(([p, v]): Action => ({ ...join(p, ' ', v), root: rootOf(p) }));
const deleteAction = fc
  .tuple(topPath, fc.oneof({ weight: 8, arbitrary: valueOf(set) }, { weight: 1, arbitrary: value }))
  .map(([p, v]): Action => ({ ...join(p, ' ', v), root: rootOf(p) }));

const ACTIONS = { SET: setAction, REMOVE: removeAction, ADD: addAction, DELETE: deleteAction } as const;
type Keyword = keyof typeof ACTIONS;

const clause = (keyword: Keyword) =>
  fc.array(ACTIONS[keyword], { minLength: 1, maxLength: 2 }).map((actions) => ({
    expr: join(`${keyword} `, ...actions.flatMap((a, i) => (i === 0 ? [a] : [', ', a]))),
    roots: actions.map((a) => a.root),
  }));

/**
 * An update expression: one to three clauses in any order (each once, but for the rare repeated one). Three
 * times in four, no two actions write the same attribute: with few names, overlapping paths would otherwise be
 * most of what is drawn.
 */
export const update: fc.Arbitrary<Expr> = fc
  .tuple(
    fc.shuffledSubarray(['SET', 'REMOVE', 'ADD', 'DELETE'] as Keyword[], { minLength: 1, maxLength: 3 }),
    fc.integer({ min: 0, max: 19 }),
  )
  .chain(([keywords, roll]) => {
    const chosen = roll === 0 ? [...keywords, keywords[0] as Keyword] : keywords;
    return fc
      .tuple(...chosen.map(clause))
      .filter((clauses) => {
        const roots = clauses.flatMap((c) => c.roots);
        const keyUpdated = roots.some((r) => r === 'id' || r === 'sk');
        return roll % 4 === 3 || (new Set(roots).size === roots.length && (roll % 5 === 0 || !keyUpdated));
      })
      .map((clauses) => join(...clauses.flatMap((c, i) => (i === 0 ? [c.expr] : [' ', c.expr]))));
  });

// ------------------------------------------------------------------ key conditions and projections

const idName = fc.oneof(fc.constant(lit('id')), fc.constant<Expr>({ text: '#h', names: { '#h': 'id' }, values: {} }));
const skName = fc.oneof(fc.constant(lit('sk')), fc.constant<Expr>({ text: '#r', names: { '#r': 'sk' }, values: {} }));
/** Mostly a key value of the key's type; sometimes of another type. */
const keyOperand = (good: fc.Arbitrary<AttributeValue>) =>
  valueOf(fc.oneof({ weight: 6, arbitrary: good }, { weight: 1, arbitrary: scalar }));

const skCondition: fc.Arbitrary<Expr> = fc.oneof(
  {
    weight: 5,
    arbitrary: fc
      .tuple(skName, fc.constantFrom('=', '<', '<=', '>', '>='), keyOperand(skValue))
      .map(([n, op, v]) => join(n, ` ${op} `, v)),
  },
  {
    weight: 2,
    arbitrary: fc
      .tuple(skName, fc.constantFrom(':lo', ':v'), fc.constantFrom(':hi', ':w'), skValue, skValue)
      .map(([n, lo, hi, a, b]) =>
        join(n, ' BETWEEN ', { text: lo, names: {}, values: { [lo]: a } }, ' AND ', {
          text: hi,
          names: {},
          values: { [hi]: b },
        }),
      ),
  },
  // Refused: begins_with on a number key, an operator keys do not take, a nested path.
  {
    weight: 1,
    arbitrary: fc.tuple(skName, keyOperand(skValue)).map(([n, v]) => join('begins_with(', n, ', ', v, ')')),
  },
  { weight: 1, arbitrary: fc.tuple(skName, keyOperand(skValue)).map(([n, v]) => join(n, ' <> ', v)) },
  { weight: 1, arbitrary: keyOperand(skValue).map((v) => join('sk.p = ', v)) },
);
/** A key condition: `id = :v`, mostly with a sort-key condition; sometimes malformed. */
export const keyCondition: fc.Arbitrary<Expr> = fc.oneof(
  { weight: 3, arbitrary: fc.tuple(idName, keyOperand(idValue)).map(([n, v]) => join(n, ' = ', v)) },
  {
    weight: 8,
    arbitrary: fc
      .tuple(idName, keyOperand(idValue), skCondition, fc.boolean())
      .map(([n, v, sk, skFirst]) => (skFirst ? join(sk, ' AND ', n, ' = ', v) : join(n, ' = ', v, ' AND ', sk))),
  },
  // Refused: no partition key, OR, the partition key by another operator, a non-key attribute.
  { weight: 1, arbitrary: skCondition },
  {
    weight: 1,
    arbitrary: fc.tuple(idName, keyOperand(idValue), skCondition).map(([n, v, sk]) => join(n, ' = ', v, ' OR ', sk)),
  },
  { weight: 1, arbitrary: fc.tuple(idName, keyOperand(idValue)).map(([n, v]) => join(n, ' < ', v)) },
  {
    weight: 1,
    arbitrary: fc.tuple(idName, keyOperand(idValue), condition).map(([n, v, c]) => join(n, ' = ', v, ' AND ', c)),
  },
);

/** A projection: one to four paths; three times in four, on distinct attributes (else they often overlap). */
export const projection: fc.Arbitrary<Expr> = fc
  .tuple(fc.array(path, { minLength: 1, maxLength: 4 }), fc.nat(3))
  .filter(([paths, roll]) => roll === 3 || new Set(paths.map(rootOf)).size === paths.length)
  .map(([paths]) => join(...paths.flatMap((p, i) => (i === 0 ? [p] : [', ', p]))));

// ------------------------------------------------------------------ faults

/** How a drawn expression is spoiled, if at all (about one time in five). */
export type Fault = 'none' | 'syntax' | 'empty' | 'undefined-name' | 'undefined-value' | 'unused-name' | 'unused-value';

export const fault: fc.Arbitrary<Fault> = fc.oneof(
  { weight: 20, arbitrary: fc.constant<Fault>('none') },
  { weight: 2, arbitrary: fc.constant<Fault>('syntax') },
  { weight: 1, arbitrary: fc.constant<Fault>('empty') },
  { weight: 1, arbitrary: fc.constantFrom<Fault>('undefined-name', 'undefined-value') },
  { weight: 1, arbitrary: fc.constantFrom<Fault>('unused-name', 'unused-value') },
);
/** Ways to break the syntax: an operator left dangling, a stray token, a parenthesis short, a bad character. */
const SYNTAX_BREAKS: readonly ((text: string) => string)[] = [
  (text) => `${text} AND`,
  (text) => `${text} )`,
  (text) => `(${text}`,
  (text) => `${text} !!`,
  (text) => `${text},`,
  (text) => text.replace(' ', ' = = '),
  (text) => `${text} SET`,
];

/** The expression after its fault: placeholders and text as a request would send them. */
export function spoil(expr: Expr, how: Fault, pick: number): ExpressionParameters {
  let text = expr.text;
  const names: Record<string, string> = { ...expr.names };
  const values: Record<string, AttributeValue> = { ...expr.values };
  switch (how) {
    case 'syntax':
      text = (SYNTAX_BREAKS[pick % SYNTAX_BREAKS.length] as (t: string) => string)(text);
      break;
    case 'empty':
      text = '';
      break;
    case 'undefined-name':
      // The first `#name` swapped for one the request does not define (an expression without one stays valid).
      text = text.replace(/#\w+/, '#undefined');
      break;
    case 'undefined-value': {
      const used = Object.keys(values);
      if (used.length > 0) delete values[used[pick % used.length] as string];
      break;
    }
    case 'unused-name':
      names['#unused'] = 'a';
      break;
    case 'unused-value':
      values[':unused'] = { S: 'u' };
      break;
    case 'none':
      break;
  }
  return {
    text,
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

/** Two expressions of one request share the placeholder maps: the maps merged, each text kept. */
export function together(...parts: (ExpressionParameters | undefined)[]): {
  ExpressionAttributeNames?: Record<string, string>;
  ExpressionAttributeValues?: Record<string, AttributeValue>;
} {
  const names: Record<string, string> = {};
  const values: Record<string, AttributeValue> = {};
  for (const part of parts) {
    Object.assign(names, part?.ExpressionAttributeNames);
    Object.assign(values, part?.ExpressionAttributeValues);
  }
  return {
    ...(Object.keys(names).length > 0 ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length > 0 ? { ExpressionAttributeValues: values } : {}),
  };
}

/** An expression with its fault drawn (and the fault kept, for the tally). */
export const spoiled = (expr: fc.Arbitrary<Expr>): fc.Arbitrary<ExpressionParameters & { fault: Fault }> =>
  fc.tuple(expr, fault, fc.nat(99)).map(([e, how, pick]) => ({ ...spoil(e, how, pick), fault: how }));
