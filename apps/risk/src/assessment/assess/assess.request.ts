import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsDefined,
  IsIn,
  IsInt,
  IsIP,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  Min,
  ValidateNested,
  ValidateBy,
  type ValidationOptions,
} from 'class-validator';
import type { AssessRequest, DeviceSignals, GeoPoint, Screen } from '#contracts/risk';
import { IsMoneyAmount } from '#libs/errors';
import { isValidBankCard, isValidIdNumber, isValidMobile } from '#libs/pii';
import { CallerDto } from '../../shared/caller.request.js';
import { EVENT_TYPES } from '../../shared/event-type.js';
import { NETWORK_TYPES, PLATFORMS } from '../signals/device-signals.js';
import { isValidImei, isValidTimeZone, SIGNAL_FORMATS } from '../signals/signal-formats.js';

const check = (name: string, test: (value: unknown) => boolean, message: string, options?: ValidationOptions): PropertyDecorator =>
  ValidateBy({ name, validator: { validate: test, defaultMessage: () => message } }, options);

const isString = (value: unknown): value is string => typeof value === 'string';
const IsImei = (): PropertyDecorator =>
  check('isImei', (value) => isString(value) && isValidImei(value), '$property must be a 15-digit IMEI with a valid check digit');
const IsTimeZone = (): PropertyDecorator => check('isTimeZone', (value) => isString(value) && isValidTimeZone(value), '$property must be an IANA time zone');
const IsExtraSignals = (): PropertyDecorator =>
  check(
    'isExtraSignals',
    (value) =>
      typeof value === 'object' &&
      value !== null &&
      Object.entries(value).length <= 50 &&
      Object.entries(value).every(([key, inner]) => SIGNAL_FORMATS.extraKey.test(key) && isString(inner) && inner.length <= 256),
    '$property must map at most 50 keys (1-64 printable characters) to strings of at most 256 characters',
  );
const IsPii = (kind: 'card' | 'id' | 'phone'): PropertyDecorator =>
  check(
    `is_${kind}`,
    (value) => isString(value) && (kind === 'card' ? isValidBankCard(value) : kind === 'id' ? isValidIdNumber(value) : isValidMobile(value)),
    `$property must be a valid ${kind === 'card' ? 'card number' : kind === 'id' ? 'resident ID number' : 'mainland mobile number'}`,
  );

export class ScreenDto implements Screen {
  @IsInt()
  @Min(100)
  @Max(20_000)
  width: number;

  @IsInt()
  @Min(100)
  @Max(20_000)
  height: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0.5)
  @Max(10)
  density?: number;
}

export class DeviceSignalsDto implements DeviceSignals {
  @IsIn(PLATFORMS)
  platform: string;

  @IsOptional()
  @Matches(SIGNAL_FORMATS.appInstanceId)
  appInstanceId?: string;

  @IsOptional()
  @Matches(SIGNAL_FORMATS.oaid)
  oaid?: string;

  @IsOptional()
  @Matches(SIGNAL_FORMATS.idfv)
  idfv?: string;

  @IsOptional()
  @Matches(SIGNAL_FORMATS.androidId)
  androidId?: string;

  @IsOptional()
  @IsImei()
  imei?: string;

  @IsOptional()
  @Matches(SIGNAL_FORMATS.label)
  manufacturer?: string;

  @IsOptional()
  @Matches(SIGNAL_FORMATS.label)
  model?: string;

  @IsOptional()
  @Matches(SIGNAL_FORMATS.version)
  osVersion?: string;

  @IsOptional()
  @Matches(SIGNAL_FORMATS.version)
  appVersion?: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => ScreenDto)
  screen?: ScreenDto;

  @IsOptional()
  @Matches(SIGNAL_FORMATS.label)
  carrier?: string;

  @IsOptional()
  @IsIn(NETWORK_TYPES)
  networkType?: string;

  @IsOptional()
  @IsTimeZone()
  timezone?: string;

  @IsOptional()
  @Matches(SIGNAL_FORMATS.language)
  language?: string;

  @IsOptional()
  @IsBoolean()
  emulator?: boolean;

  @IsOptional()
  @IsBoolean()
  rooted?: boolean;

  @IsOptional()
  @IsBoolean()
  jailbroken?: boolean;

  @IsOptional()
  @IsBoolean()
  hooked?: boolean;

  @IsOptional()
  @IsBoolean()
  debugger?: boolean;

  @IsOptional()
  @IsBoolean()
  proxy?: boolean;

  @IsOptional()
  @IsBoolean()
  vpn?: boolean;

  @IsOptional()
  @IsBoolean()
  clonedApp?: boolean;

  @IsArray()
  @ArrayMaxSize(100)
  @Matches(SIGNAL_FORMATS.appId, { each: true })
  @Length(3, 128, { each: true })
  riskyApps: string[];

  @IsObject()
  @IsExtraSignals()
  extra: { [key: string]: string };
}

export class GeoPointDto implements GeoPoint {
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-90)
  @Max(90)
  lat: number;

  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(-180)
  @Max(180)
  lon: number;

  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(1_000_000)
  accuracyM?: number;
}

export class AssessRequestDto implements AssessRequest {
  @IsDefined()
  @ValidateNested()
  @Type(() => CallerDto)
  caller: CallerDto;

  @IsIn(EVENT_TYPES)
  eventType: string;

  @IsString()
  @Length(1, 128)
  @Matches(/^[A-Za-z0-9._:@-]+$/)
  subjectId: string;

  @IsDefined()
  @ValidateNested()
  @Type(() => DeviceSignalsDto)
  device: DeviceSignalsDto;

  @IsIP()
  // No IPv6 zone (`fe80::1%eth0`): it names an interface of the client, not an address.
  @Matches(/^[0-9A-Fa-f:.]{2,45}$/, { message: 'ip must be an IP address without a zone' })
  ip: string;

  @IsOptional()
  @ValidateNested()
  @Type(() => GeoPointDto)
  geo?: GeoPointDto;

  @IsOptional()
  @IsMoneyAmount(2)
  @Min(0)
  @Max(1e12)
  amount?: number;

  @IsOptional()
  @IsPii('card')
  cardNumber?: string;

  @IsOptional()
  @IsPii('id')
  idNumber?: string;

  @IsOptional()
  @IsPii('phone')
  phone?: string;
}
