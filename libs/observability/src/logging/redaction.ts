/**
 * Personal data must never reach a log line. Two nets catch it: values under
 * keys that name personal fields are replaced wholesale, and free text is
 * scrubbed of anything shaped like an ID number, card, phone or e-mail.
 */
const SENSITIVE_KEY_PARTS = [
  'name',
  'idnumber',
  'id_number',
  'cardnumber',
  'card_number',
  'accountnumber',
  'account_number',
  'phone',
  'mobile',
  'email',
  'image',
  'photo',
  'address',
  'password',
  'secret',
  'token',
  'authorization',
  'cookie',
  'plaintext',
  'birth',
];

/** Keys that contain a sensitive part but are known to be safe metadata. */
const SAFE_KEYS = new Set([
  'msg',
  'level',
  'time',
  'pid',
  'hostname',
  'requestId',
  'route',
  'method',
  'app',
  'service',
  'err',
  'type',
  'code',
  'stack',
  'message',
]);

export const REDACTED = '[REDACTED]';

export function isSensitiveKey(key: string): boolean {
  if (SAFE_KEYS.has(key)) return false;
  const lower = key.toLowerCase();
  return SENSITIVE_KEY_PARTS.some((part) => lower.includes(part));
}

const TEXT_PATTERNS: Array<[RegExp, string]> = [
  [/[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g, '[EMAIL]'],
  [/(?<![0-9A-Za-z])\d{17}[\dXx](?![0-9A-Za-z])/g, '[ID_NUMBER]'],
  [/(?<![0-9])(?:\+?86[ -]?)?1[3-9]\d{9}(?![0-9])/g, '[PHONE]'],
  [/\/9j\/[A-Za-z0-9+/=]{16,}/g, '[IMAGE]'],
];

/** Bank cards always pass Luhn; most other long numbers (timestamps, ids) do not. */
const CARD_LIKE = /(?<![0-9])\d{13,19}(?![0-9])/g;

function passesLuhn(digits: string): boolean {
  let sum = 0;
  for (let i = 0; i < digits.length; i++) {
    let digit = digits.charCodeAt(digits.length - 1 - i) - 48;
    if (i % 2 === 1) {
      digit *= 2;
      if (digit > 9) digit -= 9;
    }
    sum += digit;
  }
  return sum % 10 === 0;
}

export function scrubText(text: string): string {
  let out = text;
  for (const [pattern, replacement] of TEXT_PATTERNS) out = out.replace(pattern, replacement);
  return out.replace(CARD_LIKE, (digits) => (passesLuhn(digits) ? '[CARD]' : digits));
}

const MAX_DEPTH = 6;

export function redactValue(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  if (depth >= MAX_DEPTH) return '[DEPTH]';
  if (Buffer.isBuffer(value)) return `[${value.length} bytes]`;
  if (Array.isArray(value)) return value.map((item) => redactValue(item, depth + 1));
  if (value instanceof Error) {
    return {
      type: value.name,
      message: scrubText(value.message),
      stack: value.stack ? scrubText(value.stack) : undefined,
      code: (value as { code?: unknown }).code,
    };
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(value)) {
    out[key] = isSensitiveKey(key) ? REDACTED : redactValue(inner, depth + 1);
  }
  return out;
}
