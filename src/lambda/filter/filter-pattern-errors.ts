import { InvalidParameterValueException } from '../lambda-errors.js';

/**
 * What Lambda answers for a `FilterCriteria` pattern it cannot use: "Invalid filter pattern definition.
 * (Service: AWSLambda; Status Code: 400; Error Code: InvalidParameterValueException" (seen on AWS, quoted in
 * aws/aws-cdk#23057 and user reports; LocalStack's AWS-validated tests expect InvalidParameterValueException).
 * Lambda gives the one message whatever is wrong: not JSON, not an object, a bad operator.
 */
export const INVALID_FILTER_PATTERN = 'Invalid filter pattern definition.';

export function invalidPattern(): InvalidParameterValueException {
  return new InvalidParameterValueException(INVALID_FILTER_PATTERN);
}

/**
 * For EventBridge syntax that Lambda's own documentation does not list for event source mappings (`wildcard`,
 * `$or`, `cidr`, ...). Whether Lambda accepts it is unconfirmed, so shardline refuses it rather than guess a
 * behaviour: Lambda's message, then why (this second sentence is shardline's, not AWS's).
 */
export function unconfirmedSyntax(what: string): InvalidParameterValueException {
  return new InvalidParameterValueException(
    `${INVALID_FILTER_PATTERN} shardline does not accept ${what}: Lambda's event filtering documentation does not list it.`,
  );
}
