import { ValidationException } from '../errors.js';

/**
 * DynamoDB's limits on the shape of an item (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/ServiceQuotas.html):
 * how deep maps and lists may nest, and how long an attribute name may be. Each is checked inside the walk that
 * copies a value (frozen-item.ts), so a value over a limit is refused before any work deeper or longer than the
 * limit: a cyclic or 100,000-deep value costs 32 levels, not a stack overflow.
 */

/**
 * "DynamoDB supports nested attributes up to 32 levels deep", the item itself being the first level: a map or list
 * that is a top-level attribute is level 2, and an item may hold at most 31 maps or lists inside one another.
 * Observed on DynamoDB Local 2.9.30 and matching real DynamoDB's boundary (31 maps around a scalar are accepted, 32
 * refused); an empty map or list as the 32nd is refused too (DynamoDB Local).
 */
export const MAX_NESTING_LEVELS = 32;

/** The deepest a map or list may be, counted in the maps and lists around it (a top-level attribute is at depth 0). */
export const MAX_CONTAINER_DEPTH = MAX_NESTING_LEVELS - 2;

/** Attribute names are 1 to 65,535 bytes of UTF-8 ("Attribute name: ... 64 KB"). */
export const MAX_ATTRIBUTE_NAME_BYTES = 65_535;

/** A UTF-16 code unit is at most 3 UTF-8 bytes: a name this short cannot be over the limit, so it is not counted. */
export const MAX_UNCOUNTED_NAME_LENGTH = Math.floor(MAX_ATTRIBUTE_NAME_BYTES / 3);

const NESTING_TOO_DEEP =
  'Nesting Levels have exceeded supported limits: Attributes in the item have nested levels beyond supported limit';
const ITEM_TOO_LARGE = 'Item size has exceeded the maximum allowed size';
const NAME_TOO_LONG = 'Attribute name is too large, must be less than 65536 bytes';

/** DynamoDB's text (DynamoDB Local and real DynamoDB alike), for items, keys, conditions and updates. */
export function nestingTooDeep(): ValidationException {
  return new ValidationException(NESTING_TOO_DEEP, 'nestingTooDeep');
}

/** DynamoDB's text for an item (or a key) over MAX_ITEM_SIZE_BYTES. */
export function itemTooLarge(): ValidationException {
  return new ValidationException(ITEM_TOO_LARGE, 'itemTooLarge');
}

/**
 * UpdateItem's text for an item the update would take past MAX_ITEM_SIZE_BYTES: DynamoDB Local 2.9.30's, and among
 * the validation errors AWS lists (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TransactWriteItems.html).
 */
export function itemToUpdateTooLarge(): ValidationException {
  return new ValidationException('Item size to update has exceeded the maximum allowed size');
}

/** Whether `error` is `itemTooLarge()`'s refusal. */
export function isItemTooLarge(error: unknown): boolean {
  return error instanceof ValidationException && error.reason === 'itemTooLarge';
}

/** DynamoDB Local 2.9.30's text, for a name at the top level or in a map, of an item or a key. */
export function attributeNameTooLong(): ValidationException {
  return new ValidationException(NAME_TOO_LONG, 'attributeNameTooLong');
}

/**
 * Whether `error` is the refusal of one of these limits, which a caller that words other problems its own way
 * (an ExclusiveStartKey's) passes on as it is.
 */
export function crossesItemLimit(error: unknown): boolean {
  if (!(error instanceof ValidationException)) return false;
  return (
    error.reason === 'itemTooLarge' || error.reason === 'nestingTooDeep' || error.reason === 'attributeNameTooLong'
  );
}
