import { TABLE_NAME } from '../common-members.js';
import type { WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_DescribeTimeToLive.html */
export const describeTimeToLiveValidation: ValidationTable = [TABLE_NAME];

export const describeTimeToLive: WireOperation = {
  validation: describeTimeToLiveValidation,
  run: (db, input) => db.describeTimeToLive({ TableName: input.TableName as string }),
};
