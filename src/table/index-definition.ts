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

const INVALID = 'One or more parameter values were invalid: ';
/**
 * "You can project a total of up to 100 attributes into all of a table's local and global secondary indexes"; the
 * same name in two indexes counts twice (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html#limits-secondary-indexes).
 */
export const MAX_PROJECTED_ATTRIBUTES = 100;

/**
 * Validates CreateTable's `GlobalSecondaryIndexes` and `LocalSecondaryIndexes` against the table's key schema and
 * attribute definitions, after `checkIndexLists` (their model constraints and counts) and the table's own key
 * checks, in AWS's order and words (dynalite's createTable, recorded against AWS): each index's key attributes
 * defined and in order, then no attribute definition left unused, then each index's LSI key, projection and name,
 * then the projected attributes' total, then each GSI's throughput by billing mode.
 */
export function defineIndexes(
  globalIndexes: readonly GlobalSecondaryIndex[] | undefined,
  localIndexes: readonly LocalSecondaryIndex[] | undefined,
  tableSchema: KeySchema,
  attributeDefinitions: readonly AttributeDefinition[],
  billing: 'PROVISIONED' | 'PAY_PER_REQUEST',
): IndexDefinition[] {
  const globals = globalIndexes ?? [];
  const locals = localIndexes ?? [];
  if (localIndexes !== undefined && localIndexes !== null && tableSchema.sortKey === undefined) {
    throw new ValidationException(
      `${INVALID}Table KeySchema does not have a range key, which is required when specifying a LocalSecondaryIndex`,
    );
  }
  const types = attributeTypes(attributeDefinitions);
  const all: [IndexKind, GlobalSecondaryIndex | LocalSecondaryIndex][] = [
    ...locals.map((index) => ['LOCAL', index] as [IndexKind, LocalSecondaryIndex]),
    ...globals.map((index) => ['GLOBAL', index] as [IndexKind, GlobalSecondaryIndex]),
  ];
  for (const [, index] of all) checkIndexKeySchema(index, types, attributeDefinitions);
  checkAllDefinitionsUsed(
    tableSchema,
    all.map(([, index]) => index),
    attributeDefinitions,
  );
  const names = new Set<string>();
  for (const [kind, index] of all) {
    if (kind === 'LOCAL') checkLocalKey(index, tableSchema);
    checkProjection(index.Projection);
    if (names.has(index.IndexName)) throw new ValidationException(`${INVALID}Duplicate index name: ${index.IndexName}`);
    names.add(index.IndexName);
  }
  checkProjectedTotal(all.map(([, index]) => index));
  for (const index of globals) checkCreateThroughput(index, billing);
  return all.map(([kind, index]) => buildDefinition(kind, index, types));
}

/** The attribute types by name (a Map: an attribute may be called `__proto__`). */
export function attributeTypes(definitions: readonly AttributeDefinition[]): Map<string, ScalarAttributeType> {
  return new Map(definitions.map((definition) => [definition.AttributeName, definition.AttributeType]));
}

/** An index's key attributes are defined, and its key schema is HASH then RANGE of two names. */
export function checkIndexKeySchema(
  index: GlobalSecondaryIndex | LocalSecondaryIndex,
  types: ReadonlyMap<string, ScalarAttributeType>,
  shownDefinitions: readonly AttributeDefinition[],
): void {
  const keys = index.KeySchema.map((element) => element.AttributeName);
  if (keys.some((key) => !types.has(key))) {
    throw new ValidationException(
      `${INVALID}Some index key attributes are not defined in AttributeDefinitions. Keys: [${keys.join(', ')}], AttributeDefinitions: [${shownDefinitions.map((definition) => definition.AttributeName).join(', ')}]`,
    );
  }
  const [hash, range] = index.KeySchema as [KeySchemaElement, KeySchemaElement | undefined];
  if (range !== undefined && hash.AttributeName === range.AttributeName)
    throw new ValidationException('Both the Hash Key and the Range Key element in the KeySchema have the same name');
  if (hash.KeyType !== 'HASH')
    throw new ValidationException('Invalid KeySchema: The first KeySchemaElement is not a HASH key type');
  if (range !== undefined && range.KeyType !== 'RANGE')
    throw new ValidationException('Invalid KeySchema: The second KeySchemaElement is not a RANGE key type');
}

/** With indexes, AWS names the attribute definitions no key schema uses (the lists in request order). */
function checkAllDefinitionsUsed(
  tableSchema: KeySchema,
  indexes: readonly (GlobalSecondaryIndex | LocalSecondaryIndex)[],
  definitions: readonly AttributeDefinition[],
): void {
  const used = new Set<string>([tableSchema.partitionKey.name]);
  if (tableSchema.sortKey !== undefined) used.add(tableSchema.sortKey.name);
  for (const index of indexes) for (const element of index.KeySchema) used.add(element.AttributeName);
  if (definitions.length > used.size) {
    throw new ValidationException(
      `${INVALID}Some AttributeDefinitions are not used. AttributeDefinitions: [${definitions.map((definition) => definition.AttributeName).join(', ')}], keys used: [${[...used].join(', ')}]`,
    );
  }
}

/** An LSI has the table's partition key and a sort key of its own. */
function checkLocalKey(index: LocalSecondaryIndex, tableSchema: KeySchema): void {
  if (index.KeySchema.length !== 2) {
    throw new ValidationException(`${INVALID}Index KeySchema does not have a range key for index: ${index.IndexName}`);
  }
  const hash = (index.KeySchema[0] as KeySchemaElement).AttributeName;
  if (hash !== tableSchema.partitionKey.name) {
    throw new ValidationException(
      `${INVALID}Index KeySchema does not have the same leading hash key as table KeySchema for index: ${index.IndexName}. index hash key: ${hash}, table hash key: ${tableSchema.partitionKey.name}`,
    );
  }
}

/** ProjectionType has no default; NonKeyAttributes go with INCLUDE only, and without duplicates. */
export function checkProjection(projection: Projection): void {
  const type = projection.ProjectionType;
  const names = projection.NonKeyAttributes;
  if (type === undefined || type === null) throw new ValidationException(`${INVALID}Unknown ProjectionType: null`);
  const hasNames = names !== undefined && names !== null;
  if (hasNames && type !== 'INCLUDE')
    throw new ValidationException(`${INVALID}ProjectionType is ${type}, but NonKeyAttributes is specified`);
  if (!hasNames && type === 'INCLUDE')
    throw new ValidationException(`${INVALID}ProjectionType is INCLUDE, but NonKeyAttributes is not specified`);
  const seen = new Set<string>();
  for (const name of names ?? []) {
    if (seen.has(name)) throw new ValidationException(`${INVALID}Duplicate element in NonKeyAttributes: ${name}`);
    seen.add(name);
  }
}

/** At most 100 NonKeyAttributes across the table's indexes (shardline's wording: AWS's text is not recorded). */
export function checkProjectedTotal(projections: readonly { Projection: Projection }[]): void {
  let total = 0;
  for (const { Projection: projection } of projections) total += projection.NonKeyAttributes?.length ?? 0;
  if (total > MAX_PROJECTED_ATTRIBUTES) {
    throw new ValidationException(
      `${INVALID}Number of NonKeyAttributes in all secondary indexes exceeds the per-table limit of ${MAX_PROJECTED_ATTRIBUTES}`,
    );
  }
}

/** A GSI's ProvisionedThroughput is required on a provisioned table and refused on an on-demand one (AWS's texts). */
function checkCreateThroughput(index: GlobalSecondaryIndex, billing: 'PROVISIONED' | 'PAY_PER_REQUEST'): void {
  const given = index.ProvisionedThroughput !== undefined && index.ProvisionedThroughput !== null;
  if (billing === 'PROVISIONED' && !given)
    throw new ValidationException(`${INVALID}ProvisionedThroughput is not specified for index: ${index.IndexName}`);
  if (billing === 'PAY_PER_REQUEST' && given) {
    throw new ValidationException(
      `${INVALID}ProvisionedThroughput should not be specified for index: ${index.IndexName} when BillingMode is PAY_PER_REQUEST`,
    );
  }
}

/** The definition of a validated index (copies of the request's members, so a caller's later change is not seen). */
export function buildDefinition(
  kind: IndexKind,
  index: GlobalSecondaryIndex | LocalSecondaryIndex,
  types: ReadonlyMap<string, ScalarAttributeType>,
): IndexDefinition {
  const [hash, range] = index.KeySchema as [KeySchemaElement, KeySchemaElement | undefined];
  const typeOf = (name: string): ScalarAttributeType => types.get(name) as ScalarAttributeType;
  const partitionKey = { name: hash.AttributeName, type: typeOf(hash.AttributeName) };
  const keySchema: KeySchema =
    range === undefined
      ? { partitionKey }
      : { partitionKey, sortKey: { name: range.AttributeName, type: typeOf(range.AttributeName) } };
  const throughput = kind === 'GLOBAL' ? (index as GlobalSecondaryIndex).ProvisionedThroughput : undefined;
  return {
    name: index.IndexName,
    kind,
    keySchema,
    keySchemaElements: index.KeySchema.map((element) => ({
      AttributeName: element.AttributeName,
      KeyType: element.KeyType,
    })),
    projectionType: index.Projection.ProjectionType as IndexProjectionType,
    nonKeyAttributes: [...(index.Projection.NonKeyAttributes ?? [])],
    // A fresh object: UpdateTable's Update of the GSI's throughput changes it in place.
    provisioned:
      throughput === undefined || throughput === null
        ? undefined
        : { ReadCapacityUnits: throughput.ReadCapacityUnits, WriteCapacityUnits: throughput.WriteCapacityUnits },
  };
}
