/** The CLI's settings from the environment: the one place this package reads it. */
export interface CliEnv {
  /** The local gateway's port (`PORT`), for the default URL. */
  port: string | undefined;
  /** `RETAIL_URL`: the gateway, when `--url` is not given. */
  url: string | undefined;
  /** `RETAIL_CHANNELS_FILE`: a channels JSON file `{ "<channel>": { "appKey", "appSecret", ... } }`. */
  channelsFile: string | undefined;
  /** `RETAIL_CHANNELS_JSON`: the same, as text. */
  channelsJson: string | undefined;
  /** `RETAIL_APP_KEY` + `RETAIL_APP_SECRET`: one channel app's keys. */
  appKey: string | undefined;
  appSecret: string | undefined;
  /** `RETAIL_CHANNEL`: the channel when `--channel` is not given. */
  channel: string | undefined;
  /** The package script running the CLI (`pnpm retail` sets `npm_lifecycle_event=retail`). */
  script: string | undefined;
}

export function readCliEnv(env: NodeJS.ProcessEnv = process.env): CliEnv {
  return {
    port: env.PORT,
    url: env.RETAIL_URL,
    channelsFile: env.RETAIL_CHANNELS_FILE,
    channelsJson: env.RETAIL_CHANNELS_JSON,
    appKey: env.RETAIL_APP_KEY,
    appSecret: env.RETAIL_APP_SECRET,
    channel: env.RETAIL_CHANNEL,
    script: env.npm_lifecycle_event,
  };
}
