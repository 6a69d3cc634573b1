// @retail/chaos: the platform under faults on purpose, and the invariants of API.md checked after.
export { startChaosPlatform, WATCHED_LINES, WINDOWS, type ChaosPlatform } from './platform.js';
export { FAULT_CLASSES, type FaultClass } from './fault-classes.js';
export { runPhase, type PhaseOptions, type PhaseReport } from './phase.js';
export { createFixtures, type Fixtures } from './fixtures.js';
export { drive, type Acknowledged, type DriveOptions } from './workload.js';
export { withRetries, Tally, type Outcome } from './retry.js';
export { recover, fireJobs, type RecoveryRun } from './recovery.js';
export { checkInvariants, type CheckResult } from './checks/index.js';
export { readSnapshot, type Snapshot, type StoredOrder } from './checks/storage.js';
export { renderTable, writeReport } from './report.js';
