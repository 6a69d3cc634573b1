export { startGateway, type Gateway, type GatewayOptions } from './gateway.js';
export { createGateway, type GatewayApp, type GatewayAppOptions } from './server.js';
export {
  assertNoDevSecrets,
  DEV_CHANNELS_FILE,
  devChannels,
  loadChannels,
  parseChannels,
  readChannelsFile,
  type ChannelApp,
  type ChannelApps,
  type ChannelSource,
} from './channels.js';
export { ADMIN_RULES, GATEWAY_PREFIX, isAdminOnly, matchRoute, ROUTES, type AdminRule, type Route } from './routes.js';
export {
  httpUpstream,
  type HttpUpstreamOptions,
  type Upstream,
  type UpstreamRequest,
  type UpstreamResponse,
} from './upstream.js';
export { contentMd5, sign, showStringToSign, stringToSign, type SignatureInput } from './signature.js';
export { Counter, Histogram, MetricsRegistry, type Collector } from './metrics.js';
export { REFUSALS, type Problem, type RefusalCode } from './problem.js';
export type { ChannelThrottles, ChannelThrottleState, Limit } from './throttle.js';
export {
  ChannelConfigError,
  DevSecretsInProductionError,
  GatewayConfigError,
  UpstreamTimeoutError,
  UpstreamUnavailableError,
} from './errors.js';
export type { Logger } from './log.js';
export { createObservability, type Observability, type ObservabilityOptions } from './observe/observability.js';
export type { AccessRecord } from './observe/access.js';
export type { AdminView } from './observe/admin-view.js';
export { DEV_ALARMS_FILE, loadAlarmRules } from './alarm-rules.js';
export {
  FunctionPool,
  loadFunctionConfig,
  poolFromSYaml,
  type FunctionConfig,
  type FunctionPoolOptions,
  type FunctionPoolOverrides,
  type InstanceInfo,
  type PoolSnapshot,
} from './instances/index.js';
export { InstanceFaults, type ArmedKill, type InstanceFaultsState, type KillRule, type KillScope } from './instances/faults.js';
export { FUNCTIONS_ROUTE, instanceFaultsOf, type FaultableUpstream } from './functions-api.js';
