import { ValidationException } from '../errors.js';
import type { ScalarAttributeType } from '../model/attribute-value.js';
import { checkKeyAttributeName, type KeySchema } from '../model/key-schema.js';
import type { StreamOptions } from '../stream/stream-options.js';
import type { KeySchemaElement } from '../model/key-schema.js';
import { STREAM_VIEW_TYPES, type StreamViewType } from '../stream/types.js';
import type { AttributeDefinition, ProvisionedThroughput } from './throughput-and-attributes.js';
export type { AttributeDefinition, ProvisionedThroughput } from './throughput-and-attributes.js';
import {
  defineIndexes,
  type GlobalSecondaryIndex,
  type GlobalSecondaryIndexDescription,
  type GlobalSecondaryIndexUpdate,
  type IndexDefinition,
  type LocalSecondaryIndex,
  type LocalSecondaryIndexDescription,
} from './index-definition.js';
import { checkIndexLists } from './index-members.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html (the parts shardline models). */

export interface StreamSpecification {
  StreamEnabled: boolean;
  StreamViewType?: StreamViewType;
}

export interface CreateTableInput {
  TableName: string;
  KeySchema: KeySchemaElement[];
  AttributeDefinitions: AttributeDefinition[];
  StreamSpecification?: StreamSpecification;
  BillingMode?: 'PROVISIONED' | 'PAY_PER_REQUEST';
  ProvisionedThroughput?: ProvisionedThroughput;
  /** Up to 20 (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.html). */
  GlobalSecondaryIndexes?: GlobalSecondaryIndex[];
  /** Up to 5 (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/LSI.html). */
  LocalSecondaryIndexes?: LocalSecondaryIndex[];
  /** shardline's own: how the table's streams behave (shards, policies, retention). */
  streamOptions?: StreamOptions;
}

export interface UpdateTableInput {
  TableName: string;
  StreamSpecification?: StreamSpecification;
  /** The definitions of a new GSI's key attributes (with the table's). */
  AttributeDefinitions?: AttributeDefinition[];
  /** One Create or Delete per call, as AWS allows. */
  GlobalSecondaryIndexUpdates?: GlobalSecondaryIndexUpdate[];
  /** shardline's own: options for a stream this update enables. */
  streamOptions?: StreamOptions;
}

/** DescribeTable's `Table`, as DynamoDB Local returns it (timestamps as Dates, as the SDK gives them). */
export interface TableDescription {
  AttributeDefinitions: AttributeDefinition[];
  TableName: string;
  KeySchema: KeySchemaElement[];
  TableStatus: 'ACTIVE' | 'DELETING';
  CreationDateTime: Date;
  ProvisionedThroughput: {
    LastIncreaseDateTime?: Date;
    LastDecreaseDateTime?: Date;
    NumberOfDecreasesToday: number;
    ReadCapacityUnits: number;
    WriteCapacityUnits: number;
  };
  TableSizeBytes: number;
  ItemCount: number;
  TableArn: string;
  BillingModeSummary?: { BillingMode: 'PAY_PER_REQUEST'; LastUpdateToPayPerRequestDateTime: Date };
  StreamSpecification?: { StreamEnabled: true; StreamViewType: StreamViewType };
  LatestStreamLabel?: string;
  LatestStreamArn?: string;
  GlobalSecondaryIndexes?: GlobalSecondaryIndexDescription[];
  LocalSecondaryIndexes?: LocalSecondaryIndexDescription[];
  DeletionProtectionEnabled: boolean;
}

/** A validated CreateTable request. */
export interface TableDefinition {
  readonly tableName: string;
  readonly keySchema: KeySchema;
  readonly keySchemaElements: readonly KeySchemaElement[];
  readonly attributeDefinitions: readonly AttributeDefinition[];
  readonly provisioned: ProvisionedThroughput | undefined;
  readonly streamOptions: StreamOptions | undefined;
  /** The secondary indexes' definitions (UpdateTable replaces the TableDefinition when it adds or deletes a GSI). */
  readonly indexes: readonly IndexDefinition[];
}

const TABLE_NAME = /^[a-zA-Z0-9_.-]{3,255}$/;

/** AWS's table-name rule, with DynamoDB Local's message (two spaces after the first full stop, as sent). */
export function checkTableName(name: unknown): asserts name is string {
  if (typeof name !== 'string' || !TABLE_NAME.test(name)) {
    throw new ValidationException(
      "Invalid table/index name.  Table/index names must be between 3 and 255 characters long, and may contain only the characters a-z, A-Z, 0-9, '_', '-', and '.'",
    );
  }
}

/**
 * Validates a CreateTable request, in DynamoDB Local's order and with its messages; its secondary indexes with AWS's
 * (index-members.ts, index-definition.ts).
 */
export function defineTable(input: CreateTableInput): TableDefinition {
  if (input === null || typeof input !== 'object') throw new ValidationException('CreateTable needs a request object');
  checkTableName(input.TableName);
  checkIndexLists(input.GlobalSecondaryIndexes, input.LocalSecondaryIndexes);
  const keySchema = input.KeySchema;
  const definitions = input.AttributeDefinitions;
  // DynamoDB Local: no KeySchema at all has its own text; an empty one is "No Hash Key specified".
  if (keySchema === undefined || keySchema === null) {
    throw new ValidationException(
      'No defined key schema.  A key schema containing at least a hash key must be defined for all tables',
    );
  }
  if (!Array.isArray(keySchema) || keySchema.length === 0) {
    throw new ValidationException(
      'No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key',
    );
  }
  if (keySchema.length > 2) {
    throw new ValidationException(
      'Key Schema too big.  Key Schema must at most consist of the hash and range key of a table',
    );
  }
  // DynamoDB Local's text for no AttributeDefinitions at all (observed over the raw wire: `null`, or left out).
  if (definitions === undefined || definitions === null) throw new ValidationException('No Attribute Schema Defined');
  if (!Array.isArray(definitions)) {
    throw new ValidationException('Hash Key not specified in Attribute Definitions.  Type unknown.');
  }
  const hashKeys = keySchema.filter((element) => element?.KeyType === 'HASH');
  if (hashKeys.length > 1) {
    throw new ValidationException('Too many hash keys specified.  All Dynamo DB tables must have exactly one hash key');
  }
  if (hashKeys.length === 0) {
    throw new ValidationException(
      'No Hash Key specified in schema.  All Dynamo DB tables must have exactly one hash key',
    );
  }
  if (keySchema[0]?.KeyType !== 'HASH' || (keySchema.length === 2 && keySchema[1]?.KeyType !== 'RANGE')) {
    throw new ValidationException(
      'Invalid key order. Hash Key must be specified first in key schema, Range Key must be specifed second',
    );
  }
  if (keySchema.length === 2 && keySchema[0]?.AttributeName === keySchema[1]?.AttributeName) {
    throw new ValidationException('Two keys can not have the same name');
  }
  // The attribute definitions come after the key schema in DynamoDB Local's order (observed: AttributeType "X"
  // with a RANGE-only schema is "No Hash Key specified", and two definitions of one name beat "X"); their names'
  // lengths first (DynamoDB Local 2.9.30: a 256-byte name beats a duplicate and "X").
  for (const definition of definitions) checkKeyAttributeName(definition?.AttributeName);
  if (new Set(definitions.map((definition) => definition?.AttributeName)).size !== definitions.length) {
    throw new ValidationException('Cannot have two attributes with the same name');
  }
  for (const definition of definitions) {
    if (!['S', 'N', 'B'].includes(definition?.AttributeType)) {
      throw new ValidationException('Member must satisfy enum value set: [B, N, S]');
    }
  }
  const typeOf = (name: string): ScalarAttributeType | undefined =>
    definitions.find((definition) => definition.AttributeName === name)?.AttributeType;
  const hashName = (keySchema[0] as KeySchemaElement).AttributeName;
  const hashType = typeOf(hashName);
  if (hashType === undefined)
    throw new ValidationException('Hash Key not specified in Attribute Definitions.  Type unknown.');
  const rangeName = keySchema[1]?.AttributeName;
  const rangeType = rangeName === undefined ? undefined : typeOf(rangeName);
  if (rangeName !== undefined && rangeType === undefined) {
    throw new ValidationException('Range Key not specified in Attribute Definitions.  Type unknown.');
  }
  const schema: KeySchema =
    rangeName === undefined
      ? { partitionKey: { name: hashName, type: hashType } }
      : {
          partitionKey: { name: hashName, type: hashType },
          sortKey: { name: rangeName, type: rangeType as ScalarAttributeType },
        };
  const hasIndexes = input.GlobalSecondaryIndexes != null || input.LocalSecondaryIndexes != null;
  // Without indexes, DynamoDB Local's text; with them, AWS's index checks name the undefined or unused attributes.
  if (!hasIndexes && definitions.length !== keySchema.length) {
    throw new ValidationException(
      'The number of attributes in key schema must match the number of attributes defined in attribute definitions.',
    );
  }
  const indexes = hasIndexes
    ? defineIndexes(
        input.GlobalSecondaryIndexes,
        input.LocalSecondaryIndexes,
        schema,
        definitions,
        input.BillingMode === 'PROVISIONED' || (input.BillingMode == null && input.ProvisionedThroughput != null)
          ? 'PROVISIONED'
          : 'PAY_PER_REQUEST',
      )
    : [];
  if (input.BillingMode === 'PROVISIONED' && input.ProvisionedThroughput === undefined) {
    throw new ValidationException('No provisioned throughput specified for the table');
  }
  // AWS: "If you set BillingMode as PAY_PER_REQUEST, you cannot specify this property"
  // (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_CreateTable.html#DDB-CreateTable-request-ProvisionedThroughput),
  // in AWS's words as dynalite reproduces them. DynamoDB Local accepts it and ignores the throughput.
  if (
    input.BillingMode === 'PAY_PER_REQUEST' &&
    input.ProvisionedThroughput !== undefined &&
    input.ProvisionedThroughput !== null
  ) {
    throw new ValidationException(
      'One or more parameter values were invalid: Neither ReadCapacityUnits nor WriteCapacityUnits can be specified when BillingMode is PAY_PER_REQUEST',
    );
  }
  checkStreamSpecification(input.StreamSpecification);
  return {
    tableName: input.TableName,
    keySchema: schema,
    keySchemaElements: keySchema.map((element) => ({ AttributeName: element.AttributeName, KeyType: element.KeyType })),
    attributeDefinitions: definitions.map((definition) => ({
      AttributeName: definition.AttributeName,
      AttributeType: definition.AttributeType,
    })),
    provisioned: input.ProvisionedThroughput === undefined ? undefined : { ...input.ProvisionedThroughput },
    streamOptions: input.streamOptions,
    indexes,
  };
}

/** Validates a StreamSpecification with DynamoDB Local's messages. */
export function checkStreamSpecification(spec: StreamSpecification | undefined): void {
  if (spec === undefined || spec === null) return;
  const viewType = spec.StreamViewType as string | undefined;
  // DynamoDB Local 1.25.1's text for `{}` or `{StreamViewType}` alone (CreateTable and UpdateTable).
  if (typeof spec.StreamEnabled !== 'boolean') throw new ValidationException('Stream StreamEnabled was null');
  if (spec.StreamEnabled) {
    if (viewType === undefined || viewType === null || viewType === '') {
      throw new ValidationException(
        'Invalid StreamViewType: Stream ViewType must not be null or empty when enabling streams.',
      );
    }
    if (!STREAM_VIEW_TYPES.includes(viewType as StreamViewType))
      throw new ValidationException(`Invalid StreamViewType: ${viewType}`);
  } else if (viewType !== undefined && viewType !== null) {
    throw new ValidationException(
      'Invalid StreamViewType: Stream StreamEnabled was false but a StreamViewType was present.',
    );
  }
}
