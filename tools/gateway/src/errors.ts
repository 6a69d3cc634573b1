/** The channel apps given to the gateway are not usable (missing, malformed, or invalid values). */
export class ChannelConfigError extends Error {
  override readonly name = 'ChannelConfigError';
  constructor(
    message: string,
    /** Every problem found, one per entry (`wechat.rps: must be an integer >= 1`). */
    readonly problems: readonly string[] = [],
    options?: ErrorOptions,
  ) {
    super(message, options);
  }
}

/** NODE_ENV is production and a channel app still uses a secret from `channels.dev.json`. */
export class DevSecretsInProductionError extends Error {
  override readonly name = 'DevSecretsInProductionError';
  constructor(readonly channels: readonly string[]) {
    super(
      `Refusing to start: NODE_ENV=production and channel app(s) ${channels.join(', ')} use the public dev secrets of ` +
        'channels.dev.json. Give real channel apps in GATEWAY_CHANNELS_FILE or GATEWAY_CHANNELS_JSON.',
    );
  }
}

/** The gateway's own configuration (port, upstream URLs) is invalid. */
export class GatewayConfigError extends Error {
  override readonly name = 'GatewayConfigError';
}

/** A function's upstream could not be reached, reset the connection, or answered something unusable. */
export class UpstreamUnavailableError extends Error {
  override readonly name = 'UpstreamUnavailableError';
}

/** A function's upstream did not answer within the gateway's upstream timeout. */
export class UpstreamTimeoutError extends Error {
  override readonly name = 'UpstreamTimeoutError';
}
