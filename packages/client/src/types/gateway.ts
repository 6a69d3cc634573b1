export interface GatewayHealth {
  status: 'ok' | 'degraded';
  functions: Record<string, 'ready' | 'down'>;
}

export interface ChannelLimit {
  /** Requests per second, integer >= 1. */
  rps: number;
  /** Requests at once, integer >= 1. */
  burst: number;
}

export interface ChannelThrottle extends ChannelLimit {
  channel: string;
}

export interface ChannelState extends ChannelThrottle {
  /** Requests in the last second. */
  currentRps: number;
}
