import type { WireOperation } from '../operation.js';
import { CONTROL_TARGET_PREFIX, type ControlOperation } from './control-operation.js';
import { CONTROL_OPERATIONS } from './control-registry.js';
import { manualClockOf } from './control-input.js';

/**
 * The control operations as the wire runs them: the manual-clock check first (so a refusal changes nothing and
 * names the way to start a manual clock), then the operation, which reads its own members.
 */
function asWireOperation(operation: ControlOperation): WireOperation {
  return {
    validation: [],
    run: (db, input) => {
      if (operation.needsManualClock) manualClockOf(db, operation.name);
      return operation.run(db, input);
    },
  };
}

const BY_NAME = new Map(CONTROL_OPERATIONS.map((operation) => [operation.name, asWireOperation(operation)]));

/** The control operation an X-Amz-Target names (`Shardline_20261208.AdvanceClock`), or undefined. */
export function controlOperationFor(target: string): WireOperation | undefined {
  if (!target.startsWith(`${CONTROL_TARGET_PREFIX}.`)) return undefined;
  // A Map: `__proto__` or `constructor` is just an unknown name.
  return BY_NAME.get(target.slice(CONTROL_TARGET_PREFIX.length + 1));
}

/** The names of the control operations, sorted, for an UnknownOperationException's message. */
export function controlOperationNames(): string {
  return CONTROL_OPERATIONS.map((operation) => operation.name)
    .sort()
    .join(', ');
}
