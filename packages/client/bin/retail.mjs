#!/usr/bin/env node
// The `retail` command: a file that exists before the build, so installing the package links it
// without a warning; the CLI itself is built into dist/.
await import('../dist/cli.js');
