import type { Plugin } from 'esbuild';
import { readFile } from 'node:fs/promises';

const UNUSED_METHOD =
  /^(\s+)\w+\.(?:verify|fromObject|toObject|encodeDelimited|decodeDelimited|prototype\.toJSON|getTypeUrl) = function/;

/**
 * The tablestore SDK's compiled protobuf module is most of a function bundle: every message of
 * every API (search indexes included) with encode, decode, verify, fromObject, toObject and
 * JSON helpers. The SDK calls only constructors, `create`, `encode` and `decode` of the table and
 * row messages; search messages are reached only by search calls, which functions never make.
 * This drops the rest from the bundle, line by line on the generator's regular layout, and
 * fails the build if that layout ever changes.
 */
export function trimTablestoreProtos(): Plugin {
  return {
    name: 'trim-tablestore-protos',
    setup(build) {
      build.onLoad({ filter: /tablestore\/lib\/protocol\/tablestore_compiled_proto\.js$/ }, async (args) => ({
        contents: trimCompiledProtos(await readFile(args.path, 'utf8')),
        loader: 'js',
      }));
    },
  };
}

export function trimCompiledProtos(source: string): string {
  const lines = source.split('\n');
  const out: string[] = [];
  let skipUntil: string | undefined;
  let removed = 0;
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!;
    if (skipUntil !== undefined) {
      if (line === skipUntil) skipUntil = undefined;
      continue;
    }
    if (line === '$root.search = (function() {') {
      out.push('$root.search = { proto: {} }; // search-index messages: not used by functions');
      skipUntil = '})();';
      continue;
    }
    const method = UNUSED_METHOD.exec(line);
    if (method) {
      removed++;
      skipUntil = `${method[1]}};`;
      continue;
    }
    out.push(line);
  }
  if (skipUntil !== undefined || removed < 100) {
    throw new Error(
      `trim-tablestore-protos: the SDK's compiled protobuf layout changed (removed ${removed}); update the plugin.`,
    );
  }
  return out.join('\n');
}
