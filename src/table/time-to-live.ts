/**
 * A table's time to live setting (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/TTL.html):
 * which attribute items expire by, and the status UpdateTimeToLive moves through. The API around it (validation,
 * the one-change-an-hour rule, ENABLING -> ENABLED on the clock) lives in the database layer; the expiry index and
 * the sweeper listen to `onChange`.
 */

export type TimeToLiveStatus = 'ENABLING' | 'ENABLED' | 'DISABLING' | 'DISABLED';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TimeToLiveSpecification.html */
export interface TimeToLiveSpecification {
  AttributeName: string;
  Enabled: boolean;
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_TimeToLiveDescription.html */
export interface TimeToLiveDescription {
  TimeToLiveStatus: TimeToLiveStatus;
  AttributeName?: string;
}

export interface UpdateTimeToLiveInput {
  TableName: string;
  TimeToLiveSpecification: TimeToLiveSpecification;
}

export interface UpdateTimeToLiveOutput {
  TimeToLiveSpecification: TimeToLiveSpecification;
}

export interface DescribeTimeToLiveInput {
  TableName: string;
}

export interface DescribeTimeToLiveOutput {
  TimeToLiveDescription: TimeToLiveDescription;
}

/** What a table holds of its TTL setting; `set` tells the listeners when the attribute items expire by changes. */
export class TimeToLiveSetting {
  #status: TimeToLiveStatus = 'DISABLED';
  #attributeName: string | undefined;
  /** When the setting was last changed (clock ms), for AWS's one-change-an-hour rule. */
  lastChangeAt: number | undefined;
  readonly #listeners: ((attributeName: string | undefined) => void)[] = [];

  get status(): TimeToLiveStatus {
    return this.#status;
  }

  /** The attribute named by the setting (kept while DISABLING, as DescribeTimeToLive shows it). */
  get attributeName(): string | undefined {
    return this.#attributeName;
  }

  /**
   * The attribute items expire by, while expiry is on: ENABLED only (AWS deletes nothing until the setting is
   * ENABLED, and nothing once it is DISABLING).
   */
  get activeAttribute(): string | undefined {
    return this.#status === 'ENABLED' ? this.#attributeName : undefined;
  }

  /** Moves the setting; the listeners hear of it when `activeAttribute` changes. */
  set(status: TimeToLiveStatus, attributeName: string | undefined): void {
    const before = this.activeAttribute;
    this.#status = status;
    this.#attributeName = attributeName;
    const after = this.activeAttribute;
    if (after !== before) for (const listener of this.#listeners) listener(after);
  }

  /** Calls `listener` with the new active attribute (undefined: expiry off) whenever it changes. */
  onChange(listener: (attributeName: string | undefined) => void): void {
    this.#listeners.push(listener);
  }

  describe(): TimeToLiveDescription {
    return this.#attributeName === undefined || this.#status === 'DISABLED'
      ? { TimeToLiveStatus: this.#status }
      : { TimeToLiveStatus: this.#status, AttributeName: this.#attributeName };
  }
}
