const cache = new Map<string, { offset: number; validUntil: number }>();
const HOUR_MS = 3_600_000;

/** UTC offset of a zone at an instant, in minutes; cached per zone for an hour because Intl is slow. */
export function utcOffsetMinutes(timeZone: string, at: Date): number | undefined {
  const hit = cache.get(timeZone);
  if (hit && at.getTime() < hit.validUntil && at.getTime() >= hit.validUntil - HOUR_MS) return hit.offset;
  try {
    const parts = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' }).formatToParts(at);
    const name = parts.find((part) => part.type === 'timeZoneName')?.value ?? 'GMT';
    const match = /GMT([+-])(\d{2}):?(\d{2})?/.exec(name);
    const offset = match ? (match[1] === '-' ? -1 : 1) * (Number(match[2]) * 60 + Number(match[3] ?? 0)) : 0;
    const validUntil = Math.floor(at.getTime() / HOUR_MS) * HOUR_MS + HOUR_MS;
    if (cache.size < 1000) cache.set(timeZone, { offset, validUntil });
    return offset;
  } catch {
    return undefined;
  }
}

/** Hour of day in China (UTC+8, no daylight saving): when Chinese users act. */
export function chinaHour(at: Date): number {
  return (at.getUTCHours() + 8) % 24;
}
