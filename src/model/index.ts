export type { AttributeValue, AttributeMap, ScalarAttributeType } from './attribute-value.js';
export { getAttribute, setAttribute } from './attribute-value.js';
export { itemSize, valueSize, utf8Length, MAX_ITEM_SIZE_BYTES } from './item-size.js';
export { normalizeNumber, parseNumber, formatNumber, numberSize, compareNumbers } from './number-value.js';
export { canonicalItem, canonicalValue, itemForCaller, holdsBinary, type CanonicalItem } from './frozen-item.js';
export { itemsEqual, valuesEqual } from './item-equality.js';
export { marshallItem, unmarshallItem, type NativeItem } from './marshalling.js';
export {
  keyOfItem,
  keyOfKeyParameter,
  projectKey,
  partitionKeyHashInput,
  type KeySchema,
  type KeySchemaElement,
  type KeyAttribute,
} from './key-schema.js';
export { SeededRandom } from './seeded-random.js';
