import { segment, type Transport } from '../transport.js';
import type { CallOptions, Page } from '../types/common.js';
import type { ChannelLimit, ChannelState, ChannelThrottle, GatewayHealth } from '../types/gateway.js';

/** `/_gateway`: health, metrics and the OpenAPI document (no signature); channel limits (admin). */
export function gatewayApi(transport: Transport) {
  return {
    /** `GET /_gateway/health`. */
    health: (options?: CallOptions) => transport.call<GatewayHealth>('GET', '/_gateway/health', { ...options, signed: false }),
    /** `GET /_gateway/metrics`: Prometheus text. */
    metrics: (options?: CallOptions) => transport.call<string>('GET', '/_gateway/metrics', { ...options, signed: false }),
    /** `GET /_gateway/openapi.json`: every running function's OpenAPI document merged. */
    openapi: (options?: CallOptions) =>
      transport.call<Record<string, unknown>>('GET', '/_gateway/openapi.json', { ...options, signed: false }),
    /** `GET /_gateway/channels` (admin). */
    listChannels: (options?: CallOptions) => transport.call<Page<ChannelState>>('GET', '/_gateway/channels', options),
    /** `PUT /_gateway/channels/{channel}/throttle` (admin); `404 not-found` for an unknown channel. */
    setThrottle: (channel: string, limit: ChannelLimit, options?: CallOptions) =>
      transport.call<ChannelThrottle>('PUT', `/_gateway/channels/${segment(channel)}/throttle`, { ...options, body: limit }),
  };
}
