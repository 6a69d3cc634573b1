export { parseDuration, parseTime, lineTime } from './time.js';
export { AlarmRulesError } from './errors.js';
export { LogStore, type LogPage, type LogStoreOptions } from './logs/log-store.js';
export { functionLine, gatewayLine, type InstanceOutput, type LogLine, type PreparedLine } from './logs/log-line.js';
export { compileQuery, type LogQuery, type StatusFilter } from './logs/log-query.js';
export {
  SeriesStore,
  type PoolSample,
  type RequestSample,
  type SeriesPoint,
  type SeriesQuery,
  type SeriesResult,
  type SeriesStoreOptions,
} from './series/series-store.js';
export { isMetric, labelsOf, METRICS, type LabelName, type MetricName } from './series/metrics.js';
export { BUCKETS, bucketOf, percentile } from './series/latency-buckets.js';
export { OTHER } from './series/label-sets.js';
export { AlarmEngine, type AlarmEngineOptions, type AlarmEvent, type FiringAlarm } from './alarms/engine.js';
export {
  groupLabel,
  parseAlarmRules,
  readAlarmRulesFile,
  type AlarmRule,
  type Comparison,
  type WebhookTarget,
} from './alarms/rules.js';
export { noticeBody, type AlarmNotice } from './alarms/notice.js';
export { redactedUrl, WebhookSender, type WebhookSenderOptions } from './alarms/webhook-sender.js';
export { parseLogParams, parseSeriesParams, type FieldError, type Parsed } from './http/params.js';
export { startWebhookReceiver, type WebhookReceiver } from './testing/webhook-receiver.js';
