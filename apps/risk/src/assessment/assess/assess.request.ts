import { isIP } from 'node:net';
import { compileValidator } from '#libs/errors';
import type { AssessRequest, Caller, DeviceSignals } from '#contracts/risk';
import { isValidBankCard, isValidIdNumber, isValidMobile } from '#libs/pii';
import { CALLER_ROLES } from '../../shared/caller.js';
import { EVENT_TYPES } from '../../shared/event-type.js';
import { NETWORK_TYPES, PLATFORMS } from '../signals/device-signals.js';
import { isValidImei, isValidTimeZone, SIGNAL_FORMATS } from '../signals/signal-formats.js';

/** An Assess request whose every field has been checked: caller and device are present. */
export type ValidAssessRequest = AssessRequest & { caller: Caller; device: DeviceSignals };

const ID = /^[A-Za-z0-9._:@-]+$/;

const text = (pattern: RegExp, length?: [number, number]): object => ({
  type: 'string',
  pattern: pattern.source,
  ...(length ? { minLength: length[0], maxLength: length[1] } : {}),
});
/** proto-loader delivers an unset message as null and an unset optional scalar as absent. */
const optional = (schema: object): object => ({ ...schema, nullable: true });
const finite = (minimum: number, maximum: number): object => ({ type: 'number', minimum, maximum });
const oneOf = (values: readonly string[]): object => ({ type: 'string', enum: [...values] });
const formatted = (format: string): object => ({ type: 'string', format });
const object = (properties: Record<string, object>, required: string[]): object => ({ type: 'object', properties, required });

const CALLER = object(
  {
    subjectId: text(ID, [1, 128]),
    roles: { type: 'array', maxItems: 10, items: oneOf(CALLER_ROLES) },
    merchantId: optional(text(ID, [1, 128])),
  },
  ['subjectId', 'roles'],
);

const SCREEN = object(
  {
    width: { type: 'integer', minimum: 100, maximum: 20_000 },
    height: { type: 'integer', minimum: 100, maximum: 20_000 },
    density: optional(finite(0.5, 10)),
  },
  ['width', 'height'],
);

const FLAGS = ['emulator', 'rooted', 'jailbroken', 'hooked', 'debugger', 'proxy', 'vpn', 'clonedApp'] as const;

const DEVICE = object(
  {
    platform: oneOf(PLATFORMS),
    appInstanceId: optional(text(SIGNAL_FORMATS.appInstanceId)),
    oaid: optional(text(SIGNAL_FORMATS.oaid)),
    idfv: optional(text(SIGNAL_FORMATS.idfv)),
    androidId: optional(text(SIGNAL_FORMATS.androidId)),
    imei: optional(formatted('imei')),
    manufacturer: optional(text(SIGNAL_FORMATS.label)),
    model: optional(text(SIGNAL_FORMATS.label)),
    osVersion: optional(text(SIGNAL_FORMATS.version)),
    appVersion: optional(text(SIGNAL_FORMATS.version)),
    screen: optional(SCREEN),
    carrier: optional(text(SIGNAL_FORMATS.label)),
    networkType: optional(oneOf(NETWORK_TYPES)),
    timezone: optional(formatted('timeZone')),
    language: optional(text(SIGNAL_FORMATS.language)),
    ...Object.fromEntries(FLAGS.map((flag) => [flag, { type: 'boolean', nullable: true }])),
    riskyApps: { type: 'array', maxItems: 100, items: text(SIGNAL_FORMATS.appId, [3, 128]) },
    // Unknown signals: kept (encrypted) but never interpreted, so only their size is bounded.
    extra: {
      type: 'object',
      maxProperties: 50,
      propertyNames: { type: 'string', pattern: SIGNAL_FORMATS.extraKey.source },
      additionalProperties: { type: 'string', maxLength: 256 },
    },
  },
  ['platform', 'riskyApps', 'extra'],
);

const GEO = object({ lat: finite(-90, 90), lon: finite(-180, 180), accuracyM: optional(finite(0, 1_000_000)) }, ['lat', 'lon']);

const ASSESS_REQUEST = object(
  {
    caller: CALLER,
    eventType: oneOf(EVENT_TYPES),
    subjectId: text(ID, [1, 128]),
    device: DEVICE,
    // No IPv6 zone (`fe80::1%eth0`): it names an interface of the client, not an address.
    ip: { type: 'string', pattern: '^[0-9A-Fa-f:.]{2,45}$', format: 'ip' },
    geo: optional(GEO),
    amount: optional({ ...finite(0, 1e12), format: 'moneyAmount' }),
    cardNumber: optional(formatted('bankCard')),
    idNumber: optional(formatted('idNumber')),
    phone: optional(formatted('mobile')),
  },
  ['caller', 'eventType', 'subjectId', 'device', 'ip'],
);

/**
 * Checks an Assess request as protobuf decoded it. Compiled once instead of
 * going through the class-validator pipe: on the hottest call of the
 * system that pipe cost more CPU than scoring the event (docs/performance.md).
 */
export const parseAssessRequest = compileValidator<ValidAssessRequest>(ASSESS_REQUEST, {
  maps: ['device.extra'],
  formatMessages: {
    ip: 'an IP address',
    imei: 'a 15-digit IMEI with a valid check digit',
    timeZone: 'an IANA time zone',
    bankCard: 'a valid card number',
    idNumber: 'a valid resident ID number',
    mobile: 'a valid mainland mobile number',
    moneyAmount: 'an amount with at most 2 decimal places',
  },
  formats: {
    ip: { type: 'string', validate: (value: string) => isIP(value) !== 0 },
    imei: { type: 'string', validate: isValidImei },
    timeZone: { type: 'string', validate: isValidTimeZone },
    bankCard: { type: 'string', validate: isValidBankCard },
    idNumber: { type: 'string', validate: isValidIdNumber },
    mobile: { type: 'string', validate: isValidMobile },
    // At most two decimals; `multipleOf: 0.01` would refuse 0.07 (binary floating point).
    moneyAmount: { type: 'number', validate: (value: number) => Number(value.toFixed(2)) === value },
  },
});
