import { loadSync, type Options, type PackageDefinition } from '@grpc/proto-loader';
import { join } from 'node:path';
import { protoRoot } from './proto-root.js';

/**
 * Must agree with the ts-proto options in buf.gen.yaml: camelCase fields,
 * enums as their names, 64-bit integers as strings, and unset scalars as
 * their defaults so generated interfaces hold.
 */
export const PROTO_LOADER_OPTIONS: Options = {
  keepCase: false,
  longs: String,
  enums: String,
  defaults: true,
  oneofs: true,
};

const cache = new Map<string, PackageDefinition>();

export function protoPath(protoFile: string): string {
  return join(protoRoot(), protoFile);
}

export function loadPackageDefinition(protoFiles: string[]): PackageDefinition {
  const key = protoFiles.join('|');
  let definition = cache.get(key);
  if (!definition) {
    definition = loadSync(protoFiles.map(protoPath), { ...PROTO_LOADER_OPTIONS, includeDirs: [protoRoot()] });
    cache.set(key, definition);
  }
  return definition;
}
