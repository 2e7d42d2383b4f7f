/**
 * Stream labels and ARNs. AWS: the label is the stream's creation time in ISO 8601 with milliseconds and no
 * zone suffix (`2015-05-11T21:21:33.291`, UTC); the ARN is
 * `arn:aws:dynamodb:<region>:<account>:table/<TableName>/stream/<label>`.
 */
export function streamLabelAt(ms: number): string {
  return new Date(ms).toISOString().slice(0, 23);
}

export function streamArnFor(region: string, accountId: string, tableName: string, label: string): string {
  return `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}/stream/${label}`;
}

export function tableArnFor(region: string, accountId: string, tableName: string): string {
  return `arn:aws:dynamodb:${region}:${accountId}:table/${tableName}`;
}
