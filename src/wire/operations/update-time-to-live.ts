import type { UpdateTimeToLiveInput } from '../../table/time-to-live.js';
import { TABLE_NAME } from '../common-members.js';
import { pick, type WireOperation } from '../operation.js';
import type { ValidationTable } from '../../validation/member-rules.js';

/**
 * https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_UpdateTimeToLive.html. Only the JSON types are
 * checked here: the required members and the name's length come from the typed API, after the table name's check,
 * in AWS's order.
 */
export const updateTimeToLiveValidation: ValidationTable = [
  TABLE_NAME,
  {
    member: 'TimeToLiveSpecification',
    type: 'Structure',
    members: [
      { member: 'Enabled', type: 'Boolean' },
      { member: 'AttributeName', type: 'String' },
    ],
  },
];

export const updateTimeToLive: WireOperation = {
  validation: updateTimeToLiveValidation,
  run: (db, input) =>
    db.updateTimeToLive(pick(input, ['TableName', 'TimeToLiveSpecification']) as unknown as UpdateTimeToLiveInput),
};
