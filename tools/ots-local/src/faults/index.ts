export { FaultAdminError, otsFaults, type OtsFaults } from './client.js';
export { FAULT_ERROR_NAMES } from './error-shapes.js';
export { FaultInjector } from './injector.js';
export { FaultRuleError, parseFaultConfig, parseFaultRule, type FieldProblem } from './validate.js';
export type * from './types.js';
