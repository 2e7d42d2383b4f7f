export {
  buildShardHistory,
  type ShardHistory,
  type ShardHistoryEntry,
  type ShardState,
  type HistorySource,
  type HistoryShards,
} from './shard-history.js';
export { renderHistorySvg, escapeXml, type SvgOptions } from './render-svg.js';
export { renderHistoryText, type TextOptions } from './render-text.js';
export {
  historyFromDescribeStream,
  type DescribedStream,
  type DescribedShard,
} from './history-from-describe-stream.js';
