import { Transform } from 'class-transformer';

/** `"false"` would otherwise become `true` under implicit conversion. */
export function EnvBoolean(): PropertyDecorator {
  return Transform(({ obj, key, value }) => {
    const raw: unknown = obj[key];
    if (typeof raw !== 'string') return value;
    if (/^(1|true|yes|on)$/i.test(raw)) return true;
    if (/^(0|false|no|off)$/i.test(raw)) return false;
    return raw;
  });
}

/** Comma-separated list: `a, b,c` becomes `['a', 'b', 'c']`. */
export function EnvList(): PropertyDecorator {
  return Transform(({ obj, key, value }) => {
    const raw: unknown = obj[key];
    if (typeof raw !== 'string') return value;
    return raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item.length > 0);
  });
}
