import type { Clock, TimerHandle } from '../clock/clock.js';
import { ValidationException } from '../errors.js';
import { checkType } from '../table/index-members.js';
import { checkTableName } from '../table/table-definition.js';
import type {
  DescribeTimeToLiveInput,
  DescribeTimeToLiveOutput,
  UpdateTimeToLiveInput,
  UpdateTimeToLiveOutput,
} from '../table/time-to-live.js';
import type { Table } from '../table/table.js';
import { checkMember } from '../validation/member-rules.js';
import { validationError, type Violation } from '../validation/validation-error.js';

/**
 * UpdateTimeToLive and DescribeTimeToLive (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html):
 * AWS's checks in AWS's order, the one-change-an-hour rule on the clock, and ENABLING -> ENABLED (DISABLING ->
 * DISABLED) after the transition time, on the clock.
 */

/** AWS: "A second UpdateTimeToLive within one hour of the last change is refused" (the API reference's words). */
export const TIME_TO_LIVE_CHANGE_INTERVAL_MS = 60 * 60 * 1000;

/** TimeToLiveAttributeName in AWS's model: 1 to 255 characters. */
const ATTRIBUTE_NAME_RULE = { member: 'AttributeName', type: 'String', min: 1, max: 255 } as const;
const ATTRIBUTE_NAME_AT = 'timeToLiveSpecification.attributeName';

export class TimeToLiveUpdates {
  readonly #clock: Clock;
  readonly #transitionMs: number;
  /** The pending ENABLING -> ENABLED (DISABLING -> DISABLED) of each table, which DeleteTable and close() cancel. */
  readonly #pending = new Map<Table, TimerHandle>();

  constructor(clock: Clock, transitionMs: number) {
    this.#clock = clock;
    this.#transitionMs = transitionMs;
  }

  /**
   * `table` looks the table up by name (its own checks: the name, then ResourceNotFoundException). AWS checks the
   * request's members before it looks for the table, then what the change asks against the setting, and the
   * one-hour rule last (content errors win over it: recorded against AWS by ack-api-quirks, DDB-TABLE-143).
   */
  update(input: UpdateTimeToLiveInput, table: (name: string) => Table): UpdateTimeToLiveOutput {
    if (input === null || typeof input !== 'object')
      throw new ValidationException('UpdateTimeToLive needs a request object');
    checkTableName(input.TableName);
    const spec = input.TimeToLiveSpecification;
    checkSpecification(spec);
    const target = table(input.TableName);
    const setting = target.timeToLive;
    const on = setting.status === 'ENABLING' || setting.status === 'ENABLED';
    const current = setting.attributeName;
    if (on && current !== spec.AttributeName) {
      throw new ValidationException(
        `TimeToLive is active on a different AttributeName: current AttributeName is ${current}`,
      );
    }
    if (on && spec.Enabled) throw new ValidationException('TimeToLive is already enabled');
    if (!on && !spec.Enabled) throw new ValidationException('TimeToLive is already disabled');
    const now = this.#clock.now();
    if (setting.lastChangeAt !== undefined && now < setting.lastChangeAt + TIME_TO_LIVE_CHANGE_INTERVAL_MS)
      throw new ValidationException('Time to live has been modified multiple times within a fixed interval');
    setting.lastChangeAt = now;
    this.#move(target, spec.Enabled, spec.AttributeName);
    // AWS echoes the specification asked for; the status is DescribeTimeToLive's.
    return { TimeToLiveSpecification: { Enabled: spec.Enabled, AttributeName: spec.AttributeName } };
  }

  describe(input: DescribeTimeToLiveInput, table: (name: string) => Table): DescribeTimeToLiveOutput {
    return { TimeToLiveDescription: table(input?.TableName).timeToLive.describe() };
  }

  /** A deleted table's pending transition is dropped. */
  forget(table: Table): void {
    this.#pending.get(table)?.cancel();
    this.#pending.delete(table);
  }

  close(): void {
    for (const timer of this.#pending.values()) timer.cancel();
    this.#pending.clear();
  }

  #move(table: Table, enabled: boolean, attributeName: string): void {
    this.forget(table);
    const settled = enabled ? 'ENABLED' : 'DISABLED';
    const finalName = enabled ? attributeName : undefined;
    if (this.#transitionMs <= 0) {
      table.timeToLive.set(settled, finalName);
      return;
    }
    // The attribute stays named while DISABLING, as DescribeTimeToLive shows it.
    table.timeToLive.set(enabled ? 'ENABLING' : 'DISABLING', attributeName);
    const timer = this.#clock.schedule(this.#clock.now() + this.#transitionMs, () => {
      this.#pending.delete(table);
      table.timeToLive.set(settled, finalName);
    });
    this.#pending.set(table, timer);
  }
}

/**
 * TimeToLiveSpecification and its two required members, with AWS's model texts (recorded against AWS: ack-api-quirks
 * DDB-TABLE-146; dynalite's updateTimeToLive tests list both members when both are missing).
 */
function checkSpecification(spec: unknown): asserts spec is { AttributeName: string; Enabled: boolean } {
  if (spec === undefined || spec === null) throw validationError([missing('timeToLiveSpecification')]);
  checkType('Structure', spec);
  const { Enabled: enabled, AttributeName: attributeName } = spec as Record<string, unknown>;
  if (enabled !== undefined) checkType('Boolean', enabled);
  if (attributeName !== undefined) checkType('String', attributeName);
  const found: Violation[] = [];
  if (enabled === undefined || enabled === null) found.push(missing('timeToLiveSpecification.enabled'));
  if (attributeName === undefined || attributeName === null) found.push(missing(ATTRIBUTE_NAME_AT));
  if (found.length > 0) throw validationError(found);
  checkMember(ATTRIBUTE_NAME_RULE, attributeName, ATTRIBUTE_NAME_AT);
}

function missing(at: string): Violation {
  return { shown: 'null', at, constraint: 'not be null' };
}
