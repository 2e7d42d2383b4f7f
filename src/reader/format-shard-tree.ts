/** What the tree shows of a shard (the reader's ShardMetrics has all of it). */
export interface ShardTreeRow {
  shardId: string;
  parentShardIds: readonly string[];
  status: 'waiting' | 'reading' | 'done';
  endedBy?: string;
  recordsRead: number;
  lostRecords: number | undefined;
  iteratorAgeMs: number | undefined;
}

/**
 * The shard lineage as a text tree: roots first, each child under its (first) parent, a merge child noted
 * under its second parent. One line a shard: id, state, records read, loss and iterator age.
 */
export function formatShardTree(streamArn: string, shards: readonly ShardTreeRow[]): string {
  const byId = new Map(shards.map((shard) => [shard.shardId, shard]));
  const children = new Map<string, ShardTreeRow[]>();
  const roots: ShardTreeRow[] = [];
  for (const shard of shards) {
    const parent = shard.parentShardIds.find((id) => byId.has(id));
    if (parent === undefined) roots.push(shard);
    else children.set(parent, [...(children.get(parent) ?? []), shard]);
  }
  const lines = [`stream ${streamArn}`];
  const describe = (shard: ShardTreeRow): string => {
    const state = shard.status === 'done' ? `done (${shard.endedBy ?? 'SHARD_END'})` : shard.status;
    const parts = [`${shard.shardId}  ${state.padEnd(17)} ${String(shard.recordsRead).padStart(7)} read`];
    if (shard.lostRecords !== 0) parts.push(`${shard.lostRecords ?? 'some'} lost`);
    if (shard.iteratorAgeMs !== undefined && shard.status === 'reading')
      parts.push(`age ${formatAge(shard.iteratorAgeMs)}`);
    const others = shard.parentShardIds.slice(1);
    if (others.length > 0) parts.push(`merged with ${others.join(', ')}`);
    return parts.join(', ');
  };
  const walk = (shard: ShardTreeRow, prefix: string, isLast: boolean, isRoot: boolean): void => {
    lines.push(`${prefix}${isRoot ? '' : isLast ? '└─ ' : '├─ '}${describe(shard)}`);
    const kids = children.get(shard.shardId) ?? [];
    const nextPrefix = isRoot ? prefix : prefix + (isLast ? '   ' : '│  ');
    kids.forEach((kid, index) => walk(kid, nextPrefix, index === kids.length - 1, false));
  };
  roots.forEach((root) => walk(root, '', true, true));
  return lines.join('\n');
}

function formatAge(ms: number): string {
  if (ms < 1000) return `${ms} ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)} s`;
  if (ms < 3_600_000) return `${(ms / 60_000).toFixed(1)} min`;
  return `${(ms / 3_600_000).toFixed(1)} h`;
}
