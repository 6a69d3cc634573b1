export { functionBundle, type FunctionBundleOptions } from './function-bundle.js';
export { trimTypescriptRest } from './trim-typescript-rest.js';
export { declareImplicitGlobals, implicitGlobals } from './declare-implicit-globals.js';
export { swcDecorators } from './swc-decorators.js';
export { trimTablestoreProtos, trimCompiledProtos } from './trim-tablestore-protos.js';
