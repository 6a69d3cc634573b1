// @retail/generators: the Nx generators of this workspace (generators.json names them).
export { functionGenerator } from './function/generator.js';
export { functionNames, FunctionOptionsError, type FunctionGeneratorOptions, type FunctionNames } from './function/options.js';
