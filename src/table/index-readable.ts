import { ValidationException } from '../errors.js';
import type { SecondaryIndex } from './secondary-index.js';

/**
 * A GSI that UpdateTable is still filling from the table (CREATING) cannot be read: AWS answers a Query or Scan on it
 * with "Cannot read from backfilling global secondary index: <name>" until it is ACTIVE.
 * https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/GSI.OnlineOps.html
 */
export function checkIndexReadable(index: SecondaryIndex): void {
  if (index.status === 'CREATING')
    throw new ValidationException(`Cannot read from backfilling global secondary index: ${index.name}`);
}
