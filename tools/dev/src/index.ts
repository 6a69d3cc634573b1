export { startDev, type DevOptions, type DevPlatform } from './dev.js';
export { signedFetch, type SignedResponse } from './signed-fetch.js';
export { seedDemoData, DEMO_MEMBERS } from './seed.js';
export { platformTables, ensurePlatformTables } from './tables.js';
export { functionApps, type FunctionApp } from './paths.js';
