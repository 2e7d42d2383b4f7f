/**
 * FilterCriteria for DynamoDB event source mappings: which Lambda event records pass, and which patterns
 * Lambda refuses at CreateEventSourceMapping. Records are real: writes to a shardline table, read from its
 * stream, shaped as the Lambda event record (stream record + eventSourceARN) by `toLambdaRecord`.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { Database, ManualClock, type DynamoDBRecord } from '../../src/index.js';
import {
  compileFilterCriteria,
  MAX_FILTERS,
  MAX_PATTERN_LENGTH,
  type FilterCriteria,
} from '../../src/lambda/filter/filter-criteria.js';
import { parsePatternJson, PatternNumber, type PatternJson } from '../../src/lambda/filter/filter-pattern-json.js';
import { toLambdaRecord, type LambdaRecord } from '../../src/lambda/invocation/lambda-event.js';
import { InvalidParameterValueException, LambdaValidationException } from '../../src/lambda/lambda-errors.js';
import { readStream } from '../support/stream-reads.js';

const T0_SECONDS = Date.UTC(2026, 0, 1) / 1000;
const INVALID = 'Invalid filter pattern definition.';
const unconfirmed = (what: string): string =>
  `${INVALID} shardline does not accept ${what}: Lambda's event filtering documentation does not list it.`;

type StreamViewType = 'KEYS_ONLY' | 'NEW_IMAGE' | 'OLD_IMAGE' | 'NEW_AND_OLD_IMAGES';

/** A `customers` table keyed by CustomerName (the AWS doc's example table), written by `write`, as Lambda records. */
async function lambdaRecords(
  write: (
    table: { put(item: Record<string, unknown>): void; delete(key: Record<string, unknown>): unknown },
    clock: ManualClock,
  ) => void,
  viewType: StreamViewType = 'NEW_AND_OLD_IMAGES',
): Promise<LambdaRecord[]> {
  const clock = new ManualClock();
  const db = await Database.create({ clock, seed: 7 });
  const table = db.createTable({
    TableName: 'customers',
    KeySchema: [{ AttributeName: 'CustomerName', KeyType: 'HASH' }],
    AttributeDefinitions: [{ AttributeName: 'CustomerName', AttributeType: 'S' }],
    StreamSpecification: { StreamEnabled: true, StreamViewType: viewType },
  });
  write(table, clock);
  const stream = table.stream!;
  return readStream(db, stream).map((record: DynamoDBRecord) => toLambdaRecord(record, stream.arn));
}

/** The predicate for one pattern (given as JSON text, or as a value to stringify). */
function filterOf(...patterns: unknown[]): (record: LambdaRecord) => boolean {
  const criteria: FilterCriteria = {
    Filters: patterns.map((pattern) => ({ Pattern: typeof pattern === 'string' ? pattern : JSON.stringify(pattern) })),
  };
  const filter = compileFilterCriteria(criteria);
  if (filter === undefined) throw new Error('expected a predicate');
  return filter;
}

function expectRefused(
  criteria: FilterCriteria,
  type: typeof InvalidParameterValueException | typeof LambdaValidationException,
  name: string,
  message: string,
): void {
  let thrown: unknown;
  try {
    compileFilterCriteria(criteria);
  } catch (error) {
    thrown = error;
  }
  expect(thrown, `expected ${name}: ${message}`).toBeInstanceOf(type);
  expect((thrown as Error).name).toBe(name);
  expect((thrown as Error).message).toBe(message);
}

const refusedPattern = (pattern: string, message = INVALID): void =>
  expectRefused(
    { Filters: [{ Pattern: pattern }] },
    InvalidParameterValueException,
    'InvalidParameterValueException',
    message,
  );

describe('a DynamoDB stream seen through FilterCriteria', () => {
  let records: LambdaRecord[];
  /** The record of `eventName` for `customer`. */
  const recordOf = (eventName: string, customer: string): LambdaRecord => {
    const found = records.find(
      (record) => record.eventName === eventName && record.dynamodb?.Keys?.CustomerName?.S === customer,
    );
    if (found === undefined) throw new Error(`no ${eventName} record for ${customer}`);
    return found;
  };
  /** Which records pass, as "EVENT customer" labels in stream order. */
  const passing = (...patterns: unknown[]): string[] => {
    const filter = filterOf(...patterns);
    return records.filter(filter).map((record) => `${record.eventName} ${record.dynamodb?.Keys?.CustomerName?.S}`);
  };

  beforeAll(async () => {
    records = await lambdaRecords((table, clock) => {
      table.put({
        CustomerName: 'AnyCompany Industries',
        AccountManager: 'Pat Candella',
        PaymentTerms: '60 days',
        Tags: new Set(['gold', 'east']),
        Orders: [
          { Id: 1, Status: 'OPEN' },
          { Id: 2, Status: 'SHIPPED' },
        ],
        Active: true,
        Nickname: '',
        Balance: 15,
        Note: null,
      });
      clock.advance({ seconds: 10 });
      table.put({
        CustomerName: 'Example Corp',
        AccountManager: 'Shirley Rodriguez',
        PaymentTerms: '30 days',
        Balance: 101,
        Active: false,
      });
      clock.advance({ seconds: 10 });
      table.put({
        CustomerName: 'AnyCompany Industries',
        AccountManager: 'Pat Candella',
        PaymentTerms: '90 days',
        Active: true,
      });
      clock.advance({ seconds: 10 });
      table.delete({ CustomerName: 'Example Corp' });
    });
    expect(records.map((record) => record.eventName)).toEqual(['INSERT', 'INSERT', 'MODIFY', 'REMOVE']);
  });

  describe('no filters', () => {
    it('is undefined without criteria, without Filters, and with an empty list: every record passes', () => {
      expect(compileFilterCriteria(undefined)).toBeUndefined();
      expect(compileFilterCriteria({})).toBeUndefined();
      expect(compileFilterCriteria({ Filters: [] })).toBeUndefined();
    });
  });

  describe("the AWS documentation's examples", () => {
    it('filters on a table key (with-ddb-filtering, "Filtering with table keys")', () => {
      expect(
        passing('{ "dynamodb" : { "Keys" : { "CustomerName" : { "S" : [ "AnyCompany Industries" ] } } } }'),
      ).toEqual(['INSERT AnyCompany Industries', 'MODIFY AnyCompany Industries']);
    });

    it('filters on a NewImage attribute with an OR list ("Filtering with table attributes")', () => {
      expect(
        passing({ dynamodb: { NewImage: { AccountManager: { S: ['Pat Candella', 'Shirley Rodriguez'] } } } }),
      ).toEqual(['INSERT AnyCompany Industries', 'INSERT Example Corp', 'MODIFY AnyCompany Industries']);
      expect(passing({ dynamodb: { NewImage: { AccountManager: { S: ['Shirley Rodriguez'] } } } })).toEqual([
        'INSERT Example Corp',
      ]);
    });

    it('ANDs the fields of one pattern ("Filtering with Boolean expressions")', () => {
      expect(
        passing({
          dynamodb: { NewImage: { AccountManager: { S: ['Pat Candella'] }, PaymentTerms: { S: ['60 days'] } } },
        }),
      ).toEqual(['INSERT AnyCompany Industries']);
    });

    it('filters on the eventName metadata (the CDK example `eventName: FilterRule.isEqual("INSERT")`)', () => {
      expect(passing({ eventName: ['INSERT'] })).toEqual(['INSERT AnyCompany Industries', 'INSERT Example Corp']);
      expect(passing({ eventName: ['INSERT', 'MODIFY'] })).toEqual([
        'INSERT AnyCompany Industries',
        'INSERT Example Corp',
        'MODIFY AnyCompany Industries',
      ]);
      expect(passing({ eventName: ['INSERT'], eventSource: ['aws:dynamodb'], awsRegion: ['us-east-1'] })).toHaveLength(
        2,
      );
      expect(passing({ eventName: ['INSERT'], awsRegion: ['eu-west-1'] })).toEqual([]);
    });

    it('passes only TTL deletions with the userIdentity pattern (time-to-live-ttl-streams)', () => {
      const remove = recordOf('REMOVE', 'Example Corp');
      // What a TTL delete looks like in the Lambda event: the REMOVE record plus DynamoDB's identity.
      const ttlDelete: LambdaRecord = {
        ...remove,
        userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
      };
      const ttlOnly = filterOf({ userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] } });
      expect(ttlOnly(ttlDelete)).toBe(true);
      expect(ttlOnly(remove)).toBe(false);
      expect(records.filter(ttlOnly)).toEqual([]);
    });

    it('matches a numeric range on a record number (ApproximateCreationDateTime), not on an N attribute', () => {
      // T0, T0+10, T0+20, T0+30 seconds.
      expect(
        passing({
          dynamodb: { ApproximateCreationDateTime: [{ numeric: ['>', T0_SECONDS + 5, '<=', T0_SECONDS + 20] }] },
        }),
      ).toEqual(['INSERT Example Corp', 'MODIFY AnyCompany Industries']);
      // An N value is a JSON string ({"N": "15"}): numeric never matches it. LocalStack's AWS-validated
      // `numeric_filter` case: "numeric filters do not work with DynamoDB because all values are represented as string".
      expect(recordOf('INSERT', 'AnyCompany Industries').dynamodb?.NewImage?.Balance).toEqual({ N: '15' });
      expect(passing({ dynamodb: { NewImage: { Balance: { N: [{ numeric: ['>', 10] }] } } } })).toEqual([]);
      expect(
        passing({ dynamodb: { NewImage: { Balance: { N: [{ numeric: ['>', 100] }, { 'anything-but': '101' }] } } } }),
      ).toEqual(['INSERT AnyCompany Industries']);
      // The string form does: the Lambda doc's multi-level example `{"N": ["101"]}`.
      expect(passing({ dynamodb: { NewImage: { Balance: { N: ['101'] } } } })).toEqual(['INSERT Example Corp']);
      expect(passing({ dynamodb: { NewImage: { Balance: { N: [{ prefix: '1' }] } } } })).toEqual([
        'INSERT AnyCompany Industries',
        'INSERT Example Corp',
      ]);
    });
  });

  describe('operators', () => {
    it('equals: strings exactly, character by character', () => {
      expect(passing({ dynamodb: { NewImage: { PaymentTerms: { S: ['60 days'] } } } })).toEqual([
        'INSERT AnyCompany Industries',
      ]);
      expect(passing({ dynamodb: { NewImage: { PaymentTerms: { S: ['60 Days'] } } } })).toEqual([]);
      expect(passing({ dynamodb: { NewImage: { PaymentTerms: { S: ['60 days '] } } } })).toEqual([]);
    });

    it('equals: a number matches a record number by its string representation, and never a string', () => {
      const insert = recordOf('INSERT', 'AnyCompany Industries');
      const size = insert.dynamodb!.SizeBytes!;
      expect(filterOf(`{"dynamodb":{"SizeBytes":[${size}]}}`)(insert)).toBe(true);
      // "300, 300.0, and 3.0e2 are not considered equal" (Lambda doc, "Filter rule syntax").
      expect(filterOf(`{"dynamodb":{"SizeBytes":[${size}.0]}}`)(insert)).toBe(false);
      expect(filterOf(`{"dynamodb":{"SizeBytes":[${size / 100}e2]}}`)(insert)).toBe(false);
      expect(filterOf(`{"dynamodb":{"SizeBytes":["${size}"]}}`)(insert)).toBe(false);
      expect(passing({ dynamodb: { NewImage: { Balance: { N: [15] } } } })).toEqual([]);
    });

    it('equals: booleans match BOOL values, and true matches the NULL type marker', () => {
      expect(passing({ dynamodb: { NewImage: { Active: { BOOL: [true] } } } })).toEqual([
        'INSERT AnyCompany Industries',
        'MODIFY AnyCompany Industries',
      ]);
      expect(passing({ dynamodb: { NewImage: { Active: { BOOL: [false] } } } })).toEqual(['INSERT Example Corp']);
      expect(passing({ dynamodb: { NewImage: { Active: { BOOL: ['true'] } } } })).toEqual([]);
      expect(passing({ dynamodb: { NewImage: { Note: { NULL: [true] } } } })).toEqual(['INSERT AnyCompany Industries']);
    });

    it('null matches a JSON null only, not a missing field', () => {
      const insert = recordOf('INSERT', 'AnyCompany Industries');
      const isNull = filterOf({ reason: [null] });
      expect(isNull({ ...insert, reason: null } as LambdaRecord)).toBe(true);
      expect(isNull({ ...insert, reason: 'x' } as LambdaRecord)).toBe(false);
      expect(isNull(insert)).toBe(false);
    });

    it('empty matches an empty string', () => {
      expect(passing({ dynamodb: { NewImage: { Nickname: { S: [''] } } } })).toEqual(['INSERT AnyCompany Industries']);
      expect(passing({ dynamodb: { NewImage: { PaymentTerms: { S: [''] } } } })).toEqual([]);
    });

    it('prefix and suffix match the start and the end of strings only', () => {
      expect(passing({ dynamodb: { Keys: { CustomerName: { S: [{ prefix: 'AnyCo' }] } } } })).toEqual([
        'INSERT AnyCompany Industries',
        'MODIFY AnyCompany Industries',
      ]);
      expect(passing({ dynamodb: { Keys: { CustomerName: { S: [{ prefix: 'anyco' }] } } } })).toEqual([]);
      expect(passing({ dynamodb: { NewImage: { PaymentTerms: { S: [{ suffix: '0 days' }] } } } })).toEqual([
        'INSERT AnyCompany Industries',
        'INSERT Example Corp',
        'MODIFY AnyCompany Industries',
      ]);
      expect(passing({ dynamodb: { NewImage: { PaymentTerms: { S: [{ suffix: '60 days' }] } } } })).toEqual([
        'INSERT AnyCompany Industries',
      ]);
      // Numbers are not strings.
      expect(passing({ dynamodb: { SizeBytes: [{ prefix: '1' }] } })).toEqual([]);
    });

    it('equals-ignore-case folds case and nothing else', () => {
      expect(passing({ eventName: [{ 'equals-ignore-case': 'remove' }] })).toEqual(['REMOVE Example Corp']);
      expect(
        passing({ dynamodb: { NewImage: { AccountManager: { S: [{ 'equals-ignore-case': 'PAT CANDELLA' }] } } } }),
      ).toHaveLength(2);
      expect(
        passing({ dynamodb: { NewImage: { AccountManager: { S: [{ 'equals-ignore-case': 'PAT CANDEL' }] } } } }),
      ).toEqual([]);
    });

    it('anything-but: a value, a list, a number, a prefix', () => {
      expect(passing({ eventName: [{ 'anything-but': 'INSERT' }] })).toEqual([
        'MODIFY AnyCompany Industries',
        'REMOVE Example Corp',
      ]);
      expect(passing({ eventName: [{ 'anything-but': ['INSERT', 'REMOVE'] }] })).toEqual([
        'MODIFY AnyCompany Industries',
      ]);
      expect(passing({ dynamodb: { Keys: { CustomerName: { S: [{ 'anything-but': { prefix: 'Any' } }] } } } })).toEqual(
        ['INSERT Example Corp', 'REMOVE Example Corp'],
      );
      const insert = recordOf('INSERT', 'AnyCompany Industries');
      const size = insert.dynamodb!.SizeBytes!;
      expect(filterOf({ dynamodb: { SizeBytes: [{ 'anything-but': size }] } })(insert)).toBe(false);
      expect(filterOf({ dynamodb: { SizeBytes: [{ 'anything-but': [size + 1, size + 2] }] } })(insert)).toBe(true);
      // Like every operator but exists:false, it needs the field.
      expect(passing({ dynamodb: { NewImage: { Nickname: { S: [{ 'anything-but': 'x' }] } } } })).toEqual([
        'INSERT AnyCompany Industries',
      ]);
    });

    it('numeric: =, <, <=, >, >= and ranges, on record numbers', () => {
      const at = (offset: number): number => T0_SECONDS + offset;
      const times = (numeric: unknown[]): string[] =>
        passing({ dynamodb: { ApproximateCreationDateTime: [{ numeric }] } });
      expect(times(['=', at(10)])).toEqual(['INSERT Example Corp']);
      expect(times(['<', at(10)])).toEqual(['INSERT AnyCompany Industries']);
      expect(times(['<=', at(10)])).toEqual(['INSERT AnyCompany Industries', 'INSERT Example Corp']);
      expect(times(['>', at(20)])).toEqual(['REMOVE Example Corp']);
      expect(times(['>=', at(20)])).toEqual(['MODIFY AnyCompany Industries', 'REMOVE Example Corp']);
      expect(times(['>=', at(10), '<', at(30)])).toEqual(['INSERT Example Corp', 'MODIFY AnyCompany Industries']);
      expect(times(['>', at(0), '<=', at(10)])).toEqual(['INSERT Example Corp']);
      expect(times(['=', at(10) + 0.5])).toEqual([]);
    });

    it('exists: true needs a leaf at the path, false needs none', () => {
      expect(passing({ dynamodb: { NewImage: { Nickname: { S: [{ exists: true }] } } } })).toEqual([
        'INSERT AnyCompany Industries',
      ]);
      expect(passing({ dynamodb: { OldImage: { CustomerName: { S: [{ exists: false }] } } } })).toEqual([
        'INSERT AnyCompany Industries',
        'INSERT Example Corp',
      ]);
      // A missing NewImage (a REMOVE) has no leaf anywhere below it.
      expect(passing({ dynamodb: { NewImage: { CustomerName: { S: [{ exists: false }] } } } })).toEqual([
        'REMOVE Example Corp',
      ]);
    });

    it('exists looks at leaves: an attribute without its type key is an object, not a leaf', () => {
      // LocalStack's AWS-validated `exists_filter_type` / `exists_false_filter` cases.
      expect(passing({ dynamodb: { NewImage: { AccountManager: [{ exists: true }] } } })).toEqual([]);
      expect(passing({ dynamodb: { NewImage: { AccountManager: [{ exists: false }] } } })).toHaveLength(4);
      expect(passing({ dynamodb: { NewImage: { AccountManager: { S: [{ exists: true }] } } } })).toHaveLength(3);
    });

    it('an entry list ORs plain values and operators, and exists:false with a value', () => {
      expect(passing({ dynamodb: { NewImage: { PaymentTerms: { S: ['30 days', { prefix: '9' }] } } } })).toEqual([
        'INSERT Example Corp',
        'MODIFY AnyCompany Industries',
      ]);
      expect(passing({ dynamodb: { NewImage: { Nickname: { S: ['nobody', { exists: false }] } } } })).toEqual([
        'INSERT Example Corp',
        'MODIFY AnyCompany Industries',
        'REMOVE Example Corp',
      ]);
    });
  });

  describe('record shape', () => {
    it('a field named in the pattern must be present', () => {
      expect(passing({ dynamodb: { NewImage: { Missing: { S: [{ prefix: '' }] } } } })).toEqual([]);
      expect(passing({ dynamodb: { NewImage: { PaymentTerms: { N: [{ prefix: '' }] } } } })).toEqual([]);
      expect(passing({ nonexistent: { deeper: ['x'] } })).toEqual([]);
    });

    it('arrays match if any element matches: a string set', () => {
      expect(passing({ dynamodb: { NewImage: { Tags: { SS: ['gold'] } } } })).toEqual(['INSERT AnyCompany Industries']);
      expect(passing({ dynamodb: { NewImage: { Tags: { SS: ['east', 'west'] } } } })).toEqual([
        'INSERT AnyCompany Industries',
      ]);
      expect(passing({ dynamodb: { NewImage: { Tags: { SS: ['silver'] } } } })).toEqual([]);
    });

    it('a pattern over a list of maps matches within one element', () => {
      const order = (status: string, id: string) => ({
        dynamodb: { NewImage: { Orders: { L: { M: { Status: { S: [status] }, Id: { N: [id] } } } } } },
      });
      expect(passing(order('SHIPPED', '2'))).toEqual(['INSERT AnyCompany Industries']);
      expect(passing(order('OPEN', '1'))).toEqual(['INSERT AnyCompany Industries']);
      expect(passing(order('SHIPPED', '1'))).toEqual([]);
    });

    it('filters are ORed', () => {
      expect(
        passing({ eventName: ['REMOVE'] }, { dynamodb: { NewImage: { PaymentTerms: { S: ['90 days'] } } } }),
      ).toEqual(['MODIFY AnyCompany Industries', 'REMOVE Example Corp']);
    });

    it('a duplicate key in the pattern: the last one wins, as JSON.parse', () => {
      expect(passing('{"eventName":["INSERT"],"eventName":["REMOVE"]}')).toEqual(['REMOVE Example Corp']);
    });

    it('field names are data: "__proto__" and "constructor" are fields like any other', () => {
      expect(
        passing('{"__proto__":{"x":[{"exists":false}]},"constructor":[{"exists":false}],"eventName":["MODIFY"]}'),
      ).toEqual(['MODIFY AnyCompany Industries']);
      expect(passing('{"constructor":[{"exists":true}]}')).toEqual([]);
    });

    it('KEYS_ONLY records have no images to match', async () => {
      const keysOnly = await lambdaRecords(
        (table) => table.put({ CustomerName: 'AnyCompany Industries', AccountManager: 'Pat Candella' }),
        'KEYS_ONLY',
      );
      expect(
        keysOnly.filter(filterOf({ dynamodb: { NewImage: { AccountManager: { S: ['Pat Candella'] } } } })),
      ).toEqual([]);
      expect(
        keysOnly.filter(filterOf({ dynamodb: { Keys: { CustomerName: { S: ['AnyCompany Industries'] } } } })),
      ).toHaveLength(1);
    });
  });

  it('the docs example (docs/lambda-filtering.md): gold-customer inserts and TTL deletes', async () => {
    const onlyNewGoldCustomersAndTtlDeletes = {
      Filters: [
        { Pattern: JSON.stringify({ eventName: ['INSERT'], dynamodb: { NewImage: { tier: { S: ['gold'] } } } }) },
        { Pattern: JSON.stringify({ userIdentity: { type: ['Service'], principalId: ['dynamodb.amazonaws.com'] } }) },
      ],
    };
    const [goldInsert, silverInsert, goldModify, remove] = await lambdaRecords((table) => {
      table.put({ CustomerName: 'AnyCompany Industries', tier: 'gold' });
      table.put({ CustomerName: 'Example Corp', tier: 'silver' });
      table.put({ CustomerName: 'AnyCompany Industries', tier: 'gold', since: 2020 });
      table.delete({ CustomerName: 'Example Corp' });
    });
    const filter = compileFilterCriteria(onlyNewGoldCustomersAndTtlDeletes)!;
    const ttlDelete: LambdaRecord = {
      ...remove!,
      userIdentity: { type: 'Service', principalId: 'dynamodb.amazonaws.com' },
    };
    expect([goldInsert, silverInsert, goldModify, remove, ttlDelete].map((record) => filter(record!))).toEqual([
      true,
      false,
      false,
      false,
      true,
    ]);
  });

  it('exists:true and exists:false on the same path partition every record', () => {
    const attribute = fc.constantFrom(
      'AccountManager',
      'PaymentTerms',
      'Nickname',
      'Missing',
      'Tags',
      'Orders',
      'Active',
      'Balance',
    );
    const type = fc.constantFrom('S', 'N', 'SS', 'L', 'BOOL', 'NULL');
    const image = fc.constantFrom('NewImage', 'OldImage', 'Keys');
    fc.assert(
      fc.property(attribute, type, image, fc.constantFrom(...records), (name, typeKey, imageKey, record) => {
        const at = (exists: boolean) =>
          filterOf({ dynamodb: { [imageKey]: { [name]: { [typeKey]: [{ exists }] } } } })(record);
        expect(at(true)).toBe(!at(false));
      }),
    );
  });
});

describe('refused filter criteria', () => {
  it('a pattern that is not JSON (LocalStack AWS-validated cases included)', () => {
    for (const pattern of [
      'single-string',
      '[{"eventName": ["INSERT"=123}]',
      '',
      '{"eventName": ["INSERT"]',
      "{'eventName': ['INSERT']}",
      '{"a":[1,]}',
      '{"a":[01]}',
    ]) {
      refusedPattern(pattern);
    }
  });

  it('a pattern that is not an object', () => {
    for (const pattern of ['[]', '["INSERT"]', '"INSERT"', '5', 'null', 'true']) refusedPattern(pattern);
  });

  it('a filter without a pattern', () => {
    expectRefused({ Filters: [{}] }, InvalidParameterValueException, 'InvalidParameterValueException', INVALID);
  });

  it('a field that is neither an object nor an array, an empty array, an empty object', () => {
    for (const pattern of [
      '{"eventSource":"aws:dynamodb"}',
      '{"a":5}',
      '{"a":null}',
      '{"a":true}',
      '{"eventSource":[]}',
      '{}',
      '{"dynamodb":{}}',
    ]) {
      refusedPattern(pattern);
    }
  });

  it('a nested array, or an operator object without exactly one key', () => {
    for (const pattern of ['{"a":[["x"]]}', '{"a":[{}]}', '{"a":[{"prefix":"x","suffix":"y"}]}'])
      refusedPattern(pattern);
  });

  it('an unknown operator', () => {
    for (const pattern of [
      '{"a":[{"contains":"x"}]}',
      '{"a":[{"Prefix":"x"}]}',
      '{"a":[{"anything-but":{"contains":"x"}}]}',
    ])
      refusedPattern(pattern);
  });

  it('numeric with a bad operator, a non-number, a wrong shape or an empty range', () => {
    for (const numeric of [
      '["!=",1]',
      '["==",1]',
      '["<","5"]',
      '["<",null]',
      '["<"]',
      '[]',
      '5',
      '{"<":5}',
      '[">",1,"<"]',
      '[">",1,"<","5"]',
      '["<",5,">",1]',
      '[">",1,">",5]',
      '["=",1,"<",5]',
      '[">",5,"<",1]',
      '[">=",5,"<=",5]',
      '[">",1,"<",5,"<",6]',
      '["<",1e999]',
    ]) {
      refusedPattern(`{"a":[{"numeric":${numeric}}]}`);
    }
  });

  it('exists with anything but true or false', () => {
    for (const value of ['"true"', '1', 'null', '[]']) refusedPattern(`{"a":[{"exists":${value}}]}`);
  });

  it('prefix, suffix and equals-ignore-case with anything but a string', () => {
    for (const operator of ['prefix', 'suffix', 'equals-ignore-case']) {
      for (const value of ['5', 'null', 'true', '["x"]', '{"x":"y"}'])
        refusedPattern(`{"a":[{"${operator}":${value}}]}`);
    }
  });

  it('anything-but with an empty or mixed list, null, a boolean, or an empty prefix', () => {
    for (const value of [
      '[]',
      '["a",1]',
      '[null]',
      '[true]',
      'null',
      'true',
      '{"prefix":""}',
      '{"prefix":5}',
      '{"prefix":"a","suffix":"b"}',
    ]) {
      refusedPattern(`{"a":[{"anything-but":${value}}]}`);
    }
  });

  it("EventBridge syntax that Lambda's documentation does not list: wildcard, cidr, $or, and the nested forms", () => {
    refusedPattern('{"a":[{"wildcard":"*.png"}]}', unconfirmed('the "wildcard" operator'));
    refusedPattern('{"a":[{"cidr":"10.0.0.0/24"}]}', unconfirmed('the "cidr" operator'));
    refusedPattern('{"$or":[{"a":["x"]},{"b":["y"]}]}', unconfirmed('"$or"'));
    refusedPattern('{"dynamodb":{"$or":[{"a":["x"]},{"b":["y"]}]}}', unconfirmed('"$or"'));
    refusedPattern('{"a":[{"anything-but":{"suffix":".png"}}]}', unconfirmed('"anything-but" with "suffix"'));
    refusedPattern(
      '{"a":[{"anything-but":{"equals-ignore-case":"x"}}]}',
      unconfirmed('"anything-but" with "equals-ignore-case"'),
    );
    refusedPattern('{"a":[{"anything-but":{"wildcard":"x*"}}]}', unconfirmed('"anything-but" with "wildcard"'));
    refusedPattern('{"a":[{"prefix":{"equals-ignore-case":"x"}}]}', unconfirmed('"prefix" with "equals-ignore-case"'));
    refusedPattern('{"a":[{"suffix":{"equals-ignore-case":"x"}}]}', unconfirmed('"suffix" with "equals-ignore-case"'));
  });

  it('any bad filter refuses the whole criteria', () => {
    expectRefused(
      { Filters: [{ Pattern: '{"eventName":["INSERT"]}' }, { Pattern: '{"eventName":"INSERT"}' }] },
      InvalidParameterValueException,
      'InvalidParameterValueException',
      INVALID,
    );
  });

  it(`at most ${MAX_FILTERS} filters (Lambda's default quota; AWS's message for this is not on record)`, () => {
    const filters = (count: number) => ({
      Filters: Array.from({ length: count }, (_, index) => ({ Pattern: `{"eventName":["E${index}"]}` })),
    });
    expect(compileFilterCriteria(filters(MAX_FILTERS))).toBeTypeOf('function');
    expectRefused(
      filters(MAX_FILTERS + 1),
      InvalidParameterValueException,
      'InvalidParameterValueException',
      'The filter criteria has 6 filters, more than the 5 an event source mapping allows by default.',
    );
  });

  it(`a pattern of at most ${MAX_PATTERN_LENGTH} characters; a longer one breaks the API model's constraint`, () => {
    const base = '{"eventName":["INSERT"]}';
    const longest = base + ' '.repeat(MAX_PATTERN_LENGTH - base.length);
    expect(compileFilterCriteria({ Filters: [{ Pattern: longest }] })).toBeTypeOf('function');
    const tooLong = `${longest} `;
    // Checked before the count and before the pattern itself, as the model's constraints come first.
    expectRefused(
      {
        Filters: [
          { Pattern: base },
          { Pattern: tooLong },
          ...Array.from({ length: 5 }, () => ({ Pattern: 'not json' })),
        ],
      },
      LambdaValidationException,
      'ValidationException',
      `1 validation error detected: Value '${tooLong}' at 'filterCriteria.filters.2.member.pattern' failed to satisfy constraint: Member must have length less than or equal to 4096`,
    );
  });
});

describe('the pattern JSON parser', () => {
  /** The parsed pattern as plain JSON values, to compare with JSON.parse. */
  const plain = (value: PatternJson): unknown => {
    if (value instanceof PatternNumber) return value.value;
    if (Array.isArray(value)) return value.map(plain);
    if (value instanceof Map) return Object.fromEntries([...value].map(([key, member]) => [key, plain(member)]));
    return value;
  };

  it('reads what JSON.parse reads, with the same values', () => {
    fc.assert(
      fc.property(fc.json(), (text) => {
        const parsed = parsePatternJson(text);
        expect(parsed).not.toBeUndefined();
        expect(plain(parsed!)).toEqual(JSON.parse(text));
      }),
    );
  });

  it('refuses what JSON.parse refuses', () => {
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom(
            '{',
            '}',
            '[',
            ']',
            '"',
            ':',
            ',',
            ' ',
            '1',
            '-',
            '.',
            'e',
            'a',
            '\\',
            'u',
            'n',
            'l',
            't',
            'r',
          ),
        }),
        (text) => {
          let valid = true;
          try {
            JSON.parse(text);
          } catch {
            valid = false;
          }
          expect(parsePatternJson(text) !== undefined).toBe(valid);
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('keeps the text of numbers, decodes escapes and keeps the last of duplicate keys', () => {
    const parsed = parsePatternJson('{"n":[300.0, 3.0e2, -0], "s":"a\\u00e9\\n\\"", "d":1, "d":2}') as Map<
      string,
      PatternJson
    >;
    expect((parsed.get('n') as PatternNumber[]).map((number) => number.text)).toEqual(['300.0', '3.0e2', '-0']);
    expect(parsed.get('s')).toBe('aé\n"');
    expect((parsed.get('d') as PatternNumber).text).toBe('2');
  });
});
