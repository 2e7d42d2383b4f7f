import { ValidationException } from '../errors.js';
import type { ScalarAttributeType } from '../model/attribute-value.js';
import type { KeySchema, KeySchemaElement } from '../model/key-schema.js';
import type { AttributeDefinition, ProvisionedThroughput } from './throughput-and-attributes.js';

/**
 * Secondary index definitions: CreateTable's `GlobalSecondaryIndexes` and `LocalSecondaryIndexes`, and UpdateTable's
 * `GlobalSecondaryIndexUpdates`, validated into `IndexDefinition`s.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/SecondaryIndexes.html
 */

export type IndexKind = 'GLOBAL' | 'LOCAL';
export type IndexProjectionType = 'ALL' | 'KEYS_ONLY' | 'INCLUDE';
export type IndexStatus = 'CREATING' | 'UPDATING' | 'DELETING' | 'ACTIVE';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Projection.html */
export interface Projection {
  ProjectionType?: IndexProjectionType;
  NonKeyAttributes?: string[];
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GlobalSecondaryIndex.html */
export interface GlobalSecondaryIndex {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: Projection;
  ProvisionedThroughput?: ProvisionedThroughput;
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_LocalSecondaryIndex.html */
export interface LocalSecondaryIndex {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: Projection;
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GlobalSecondaryIndexUpdate.html */
export interface GlobalSecondaryIndexUpdate {
  Create?: GlobalSecondaryIndex;
  Update?: { IndexName: string; ProvisionedThroughput: ProvisionedThroughput };
  Delete?: { IndexName: string };
}

/** DescribeTable's `GlobalSecondaryIndexes[]` (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_GlobalSecondaryIndexDescription.html). */
export interface GlobalSecondaryIndexDescription {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: Projection;
  IndexStatus: IndexStatus;
  /** true while a new index is filled from the table (CREATING). */
  Backfilling?: boolean;
  ProvisionedThroughput?: {
    LastIncreaseDateTime?: Date;
    LastDecreaseDateTime?: Date;
    NumberOfDecreasesToday?: number;
    ReadCapacityUnits: number;
    WriteCapacityUnits: number;
  };
  IndexSizeBytes: number;
  ItemCount: number;
  IndexArn: string;
}

/** DescribeTable's `LocalSecondaryIndexes[]` (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_LocalSecondaryIndexDescription.html). */
export interface LocalSecondaryIndexDescription {
  IndexName: string;
  KeySchema: KeySchemaElement[];
  Projection: Projection;
  IndexSizeBytes: number;
  ItemCount: number;
  IndexArn: string;
}

/** A validated secondary index definition. */
export interface IndexDefinition {
  readonly name: string;
  readonly kind: IndexKind;
  /** The index's key (an LSI's partition key is the table's). */
  readonly keySchema: KeySchema;
  readonly keySchemaElements: readonly KeySchemaElement[];
  readonly projectionType: IndexProjectionType;
  /** INCLUDE's NonKeyAttributes, as given (empty otherwise). */
  readonly nonKeyAttributes: readonly string[];
  /** A GSI's own throughput on a provisioned table (undefined for an LSI or an on-demand table). */
  readonly provisioned: ProvisionedThroughput | undefined;
}

/** The attribute names of an index's key. */
export function indexKeyNames(definition: IndexDefinition): string[] {
  const { partitionKey, sortKey } = definition.keySchema;
  return sortKey === undefined ? [partitionKey.name] : [partitionKey.name, sortKey.name];
}

/**
 * Validates CreateTable's `GlobalSecondaryIndexes` and `LocalSecondaryIndexes` against the table's key schema and
 * attribute definitions. CONTRACT STUB: the shapes only; the full rules, texts and order replace it.
 */
export function defineIndexes(
  globalIndexes: readonly GlobalSecondaryIndex[] | undefined,
  localIndexes: readonly LocalSecondaryIndex[] | undefined,
  tableSchema: KeySchema,
  attributeDefinitions: readonly AttributeDefinition[],
  billing: 'PROVISIONED' | 'PAY_PER_REQUEST',
): IndexDefinition[] {
  void tableSchema;
  const typeOf = (name: string): ScalarAttributeType => {
    const type = attributeDefinitions.find((definition) => definition.AttributeName === name)?.AttributeType;
    if (type === undefined) throw new ValidationException(`no attribute definition for ${name}`);
    return type;
  };
  const define = (kind: IndexKind, index: GlobalSecondaryIndex | LocalSecondaryIndex): IndexDefinition => {
    const hash = index.KeySchema[0] as KeySchemaElement;
    const range = index.KeySchema[1];
    const keySchema: KeySchema =
      range === undefined
        ? { partitionKey: { name: hash.AttributeName, type: typeOf(hash.AttributeName) } }
        : {
            partitionKey: { name: hash.AttributeName, type: typeOf(hash.AttributeName) },
            sortKey: { name: range.AttributeName, type: typeOf(range.AttributeName) },
          };
    const throughput = (index as GlobalSecondaryIndex).ProvisionedThroughput;
    return {
      name: index.IndexName,
      kind,
      keySchema,
      keySchemaElements: index.KeySchema.map((element) => ({ ...element })),
      projectionType: index.Projection.ProjectionType ?? 'ALL',
      nonKeyAttributes: [...(index.Projection.NonKeyAttributes ?? [])],
      provisioned:
        kind === 'GLOBAL' && billing === 'PROVISIONED' && throughput !== undefined ? { ...throughput } : undefined,
    };
  };
  return [
    ...(globalIndexes ?? []).map((index) => define('GLOBAL', index)),
    ...(localIndexes ?? []).map((index) => define('LOCAL', index)),
  ];
}
