export { readRow, readSingleValue } from './reader.js';
export { writePrimaryKey, writeRows } from './writer.js';
export * from './types.js';
