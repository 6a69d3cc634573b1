'use strict';
// What function code uses of typescript-rest: its decorators, errors and return types, without
// its Express server, config-file search, passport and swagger (see trim-typescript-rest.ts).
const Errors = require('typescript-rest/dist/server/model/errors');
const Return = require('typescript-rest/dist/server/model/return-types');
module.exports = Object.assign(
  {},
  require('typescript-rest/dist/decorators/parameters'),
  require('typescript-rest/dist/decorators/methods'),
  require('typescript-rest/dist/decorators/services'),
  require('typescript-rest/dist/server/model/server-types'),
  { Errors, Return },
);
