import type { ScalarAttributeType } from '../model/attribute-value.js';

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_AttributeDefinition.html */
export interface AttributeDefinition {
  AttributeName: string;
  AttributeType: ScalarAttributeType;
}

/** https://docs.aws.amazon.com/amazondynamodb/latest/APIReference/API_ProvisionedThroughput.html */
export interface ProvisionedThroughput {
  ReadCapacityUnits: number;
  WriteCapacityUnits: number;
}
