export { FunctionPool, type FunctionPoolOptions, type InstanceInfo } from './pool.js';
export { loadFunctionConfig, poolFromSYaml, type FunctionConfig, type FunctionPoolOverrides } from './config.js';
export { poolMetrics, type PoolMetrics, type PoolSnapshot } from './metrics.js';
