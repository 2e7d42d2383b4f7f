import { ManualClock } from '../../clock/manual-clock.js';
import { ValidationException } from '../../errors.js';
import type { WireOperation } from '../operation.js';
import { CONTROL_TARGET_PREFIX } from './control-operation.js';
import { CONTROL_OPERATIONS } from './control-registry.js';

/** Each control operation as a wire operation: its own checks, and refused on a clock it must not move. */
const WIRE_OPERATIONS = new Map<string, WireOperation>(
  CONTROL_OPERATIONS.map((operation) => [
    operation.name,
    {
      validation: [],
      run(db, input) {
        if (operation.needsManualClock && !(db.clock instanceof ManualClock)) {
          throw new ValidationException(
            `${CONTROL_TARGET_PREFIX}.${operation.name} needs a manual clock: start the server with shardline serve --clock manual`,
          );
        }
        return operation.run(db, input);
      },
    },
  ]),
);

/** The control operation `Shardline_20261208.<name>` names, or undefined. */
export function controlOperationFor(name: string): WireOperation | undefined {
  return WIRE_OPERATIONS.get(name);
}

/** The control operations' names, for the message of an unknown one. */
export function controlOperationNames(): string[] {
  return [...WIRE_OPERATIONS.keys()].sort();
}
