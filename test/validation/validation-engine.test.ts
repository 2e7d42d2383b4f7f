import { describe, expect, it } from 'vitest';
import { Database } from '../../src/database.js';
import { SerializationException, ValidationException } from '../../src/errors.js';
import { checkLength, checkMember, validate, type MemberRule } from '../../src/validation/member-rules.js';
import { constraintViolation, validationMessage } from '../../src/validation/validation-error.js';
import { BATCH_WRITE_REQUEST_ITEMS } from '../../src/database/batch-write.js';
import { TRANSACT_ITEMS } from '../../src/database/transact-write.js';
import { DESCRIBE_STREAM_LIMIT, GET_RECORDS_LIMIT, LIST_STREAMS_LIMIT } from '../../src/stream/stream-requests.js';
import { READ_LIMIT, SEGMENT, SELECT, TOTAL_SEGMENTS } from '../../src/table/read-member-rules.js';
import { batchWriteItemValidation } from '../../src/wire/operations/batch-write-item.js';
import { describeStreamValidation } from '../../src/wire/operations/describe-stream.js';
import { getRecordsValidation } from '../../src/wire/operations/get-records.js';
import { listStreamsValidation } from '../../src/wire/operations/list-streams.js';
import { queryValidation } from '../../src/wire/operations/query.js';
import { scanValidation } from '../../src/wire/operations/scan.js';
import { transactWriteItemsValidation } from '../../src/wire/operations/transact-write-items.js';

/** The engine's text, word for word as AWS writes it, for one violation and for several. */
describe('validation engine', () => {
  it('words one violation as AWS does', () => {
    expect(
      validationMessage([{ shown: "'0'", at: 'limit', constraint: 'have value greater than or equal to 1' }]),
    ).toBe(
      "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
    );
    const error = constraintViolation('x', 'select', 'satisfy enum value set: [A, B]');
    expect(error).toBeInstanceOf(ValidationException);
    expect(error.message).toBe(
      "1 validation error detected: Value 'x' at 'select' failed to satisfy constraint: Member must satisfy enum value set: [A, B]",
    );
  });

  it('lists several violations of one request, in table order, joined by semicolons', () => {
    const table: readonly MemberRule[] = [
      { member: 'StreamArn', type: 'String', required: true },
      { member: 'Limit', type: 'Integer', min: 1 },
      { member: 'Options', type: 'Structure', members: [{ member: 'Mode', type: 'String', enum: ['ON', 'OFF'] }] },
    ];
    expect(() => validate({ Limit: 0, Options: { Mode: 'MAYBE' } }, table)).toThrow(
      new ValidationException(
        '3 validation errors detected: ' +
          "Value null at 'streamArn' failed to satisfy constraint: Member must not be null; " +
          "Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1; " +
          "Value 'MAYBE' at 'options.mode' failed to satisfy constraint: Member must satisfy enum value set: [ON, OFF]",
      ),
    );
  });

  it('answers a wrong JSON type with a SerializationException before any constraint', () => {
    expect(() =>
      validate({ Limit: 'ten' }, [
        { member: 'StreamArn', type: 'String', required: true },
        { member: 'Limit', type: 'Integer' },
      ]),
    ).toThrow(SerializationException);
  });

  it("an override gives DynamoDB Local's own text, at the operation's step, not in the request's list", () => {
    const limit: MemberRule = {
      member: 'Limit',
      type: 'Integer',
      min: 1,
      max: 1000,
      override: { max: 'Limit should be less than or equal to 1000' },
    };
    // The list leaves the overridden bound to the operation's step...
    expect(validate({ Limit: 2000 }, [limit])).toEqual({ Limit: 2000 });
    // ...where the rule is checked whole: the override for its bound, the model's text for the others.
    expect(() => checkMember(limit, 2000)).toThrow(
      new ValidationException('Limit should be less than or equal to 1000'),
    );
    expect(() => checkMember(limit, 0)).toThrow(
      new ValidationException(
        "1 validation error detected: Value '0' at 'limit' failed to satisfy constraint: Member must have value greater than or equal to 1",
      ),
    );
    expect(() => checkMember(limit, 1.5)).toThrow(
      new ValidationException(
        "1 validation error detected: Value '1.5' at 'limit' failed to satisfy constraint: Member must be an integer",
      ),
    );
    expect(() => checkMember(limit, undefined)).not.toThrow();
  });

  it('shows a list by whether it is empty, and any value that is not a string as too short', () => {
    expect(() => checkMember({ member: 'AttributesToGet', type: 'List', min: 1 }, [])).toThrow(
      new ValidationException(
        "1 validation error detected: Value '[]' at 'attributesToGet' failed to satisfy constraint: Member must have length greater than or equal to 1",
      ),
    );
    expect(() => checkLength(7, 'sequenceNumber', 21, 40)).toThrow(
      new ValidationException(
        "1 validation error detected: Value '7' at 'sequenceNumber' failed to satisfy constraint: Member must have length greater than or equal to 21",
      ),
    );
  });

  it('an error carries its reason, not only its text, and shows as before', async () => {
    const db = await Database.create({ seed: 1 });
    const table = db.createTable({
      TableName: 'orders',
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      AttributeDefinitions: [{ AttributeName: 'id', AttributeType: 'S' }],
    });
    let thrown: unknown;
    try {
      table.putItem({ Item: { id: { N: '1' } } });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ValidationException);
    expect(thrown).toMatchObject({ reason: 'keyTypeMismatch' });
    expect(Object.keys(thrown as object)).not.toContain('reason');
    db.close();
  });

  it('one rule, one place: the wire lists the very rules the typed API checks', () => {
    expect(getRecordsValidation).toContain(GET_RECORDS_LIMIT);
    expect(describeStreamValidation).toContain(DESCRIBE_STREAM_LIMIT);
    expect(listStreamsValidation).toContain(LIST_STREAMS_LIMIT);
    expect(transactWriteItemsValidation).toContain(TRANSACT_ITEMS);
    expect(batchWriteItemValidation).toContain(BATCH_WRITE_REQUEST_ITEMS);
    for (const rule of [SELECT, READ_LIMIT]) expect(queryValidation).toContain(rule);
    for (const rule of [SELECT, READ_LIMIT, SEGMENT, TOTAL_SEGMENTS]) expect(scanValidation).toContain(rule);
  });
});
