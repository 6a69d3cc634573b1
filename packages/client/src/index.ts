// @retail/client: what a channel's backend installs to call the retail API. No workspace imports.
export { createRetailClient, type RetailClient, type RetailClientOptions } from './client.js';
export {
  createTransport,
  problemOf,
  type QueryValues,
  type RawResponse,
  type SendOptions,
  type Transport,
  type TransportOptions,
} from './transport.js';
export {
  contentMd5,
  sign,
  signRequest,
  stringToSign,
  type ChannelKeys,
  type SignableRequest,
  type SigningClock,
} from './signature.js';
export {
  isConflict,
  isNotFound,
  isProblem,
  isThrottled,
  isValidationFailed,
  ProblemError,
  THROTTLED_MESSAGE,
  type ConflictCode,
  type GatewayRefusalCode,
  type ProblemCode,
  type ProblemInit,
} from './errors.js';
export { loadChannels, type ChannelsSource, type LoadedChannels } from './cli/channels.js';
export { runCli, type CliIo } from './cli/run.js';
export type * from './types/common.js';
export type * from './types/members.js';
export type * from './types/stores.js';
export type * from './types/coupons.js';
export type * from './types/trading.js';
export type * from './types/gateway.js';
