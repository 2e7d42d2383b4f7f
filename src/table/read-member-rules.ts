import type { MemberRule } from '../validation/member-rules.js';

/**
 * The model's rules for Query's and Scan's members, stated once: the wire's tables list them and the typed API
 * checks them with the same rules (https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_Scan.html).
 */
export const SELECT: MemberRule = {
  member: 'Select',
  type: 'String',
  enum: ['SPECIFIC_ATTRIBUTES', 'COUNT', 'ALL_ATTRIBUTES', 'ALL_PROJECTED_ATTRIBUTES'],
};

export const READ_LIMIT: MemberRule = { member: 'Limit', type: 'Integer', min: 1 };

export const SEGMENT: MemberRule = { member: 'Segment', type: 'Integer', min: 0, max: 999_999 };

export const TOTAL_SEGMENTS: MemberRule = { member: 'TotalSegments', type: 'Integer', min: 1, max: 1_000_000 };
