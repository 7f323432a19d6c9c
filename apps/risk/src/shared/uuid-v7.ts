import { randomFillSync } from 'node:crypto';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const POOL_SIZE = 16 * 512;
const pool = Buffer.allocUnsafe(POOL_SIZE);
let offset = POOL_SIZE;

/** Random bytes drawn from a refilled pool: one syscall per 512 ids on the hot path. */
function randomSlice(): Buffer {
  if (offset >= POOL_SIZE) {
    randomFillSync(pool);
    offset = 0;
  }
  const slice = Buffer.from(pool.subarray(offset, offset + 16));
  offset += 16;
  return slice;
}

/**
 * RFC 9562 UUIDv7: the first 48 bits are the Unix time in milliseconds. The
 * decision log is partitioned by time, and a decision's id alone names its
 * partition, so a lookup by id never scans every partition.
 */
export function uuidV7(at: Date): string {
  const bytes = randomSlice();
  const ms = at.getTime();
  bytes.writeUIntBE(ms, 0, 6);
  bytes[6] = 0x70 | (bytes[6]! & 0x0f);
  bytes[8] = 0x80 | (bytes[8]! & 0x3f);
  const hex = bytes.toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}

/** The creation time of a UUIDv7, or undefined for anything else. */
export function uuidV7Time(id: string): Date | undefined {
  if (!UUID.test(id)) return undefined;
  const ms = parseInt(id.slice(0, 8) + id.slice(9, 13), 16);
  return new Date(ms);
}

export function isUuidV7(id: string): boolean {
  return UUID.test(id);
}
