import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';

let cached: string | undefined;

/**
 * The `proto/` folder, found by walking up from this file, so the same code
 * works from `libs/` in tests, from `dist/` and from a container image.
 */
export function protoRoot(): string {
  if (cached) return cached;
  let dir = import.meta.dirname;
  for (;;) {
    const candidate = join(dir, 'proto');
    if (existsSync(join(candidate, 'kyc'))) return (cached = candidate);
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Cannot find the proto/ folder above ' + import.meta.dirname);
    dir = parent;
  }
}
