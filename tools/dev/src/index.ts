export { startDev, type DevOptions, type DevPlatform } from './dev.js';
export { signedFetch, type SignedResponse } from './signed-fetch.js';
export { seedDemoData, DEMO_MEMBERS, devSeedTable, type DemoIds, type SeedResult } from './seed/index.js';
export { timerTriggers, nextFiringIn, fireTimer, scheduleTimers, type TimerTrigger } from './timers.js';
export { platformTables, ensurePlatformTables } from './tables.js';
export { functionApps, type FunctionApp } from './paths.js';
export type { PoolSettings, RunningFunction } from './functions.js';
