/**
 * Development defaults. They are public on purpose: ots-local is a local stand-in, and these are
 * the keys every developer's tools and tests use against it. Never use them for a real instance.
 */
export const DEV_INSTANCE = 'retail-dev';
export const DEV_ACCESS_KEY_ID = 'dev-access-key-id';
export const DEV_ACCESS_KEY_SECRET = 'dev-access-key-secret';
