import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import type { DeviceSignals } from '#contracts/risk';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  IsArray,
  IsBoolean,
  IsIn,
  IsInt,
  IsIP,
  IsNumber,
  IsObject,
  IsOptional,
  IsString,
  Max,
  MaxLength,
  Min,
  ValidateBy,
  ValidateNested,
  type ValidationOptions,
} from 'class-validator';

const PLATFORMS = ['android', 'ios', 'harmony', 'web'] as const;
const NETWORK_TYPES = ['wifi', '5g', '4g', '3g', '2g', 'ethernet', 'none', 'unknown'] as const;

/** At most 32 string values of at most 256 characters, under short printable keys (as risk takes them). */
function IsSmallStringMap(options?: ValidationOptions): PropertyDecorator {
  return ValidateBy(
    {
      name: 'isSmallStringMap',
      validator: {
        validate: (value: unknown) =>
          typeof value === 'object' &&
          value !== null &&
          !Array.isArray(value) &&
          Object.keys(value).length <= 32 &&
          Object.entries(value).every(([key, inner]) => /^[\x21-\x7e]{1,64}$/.test(key) && typeof inner === 'string' && inner.length <= 256),
        defaultMessage: () => '$property must map at most 32 short printable keys to strings of at most 256 characters',
      },
    },
    options,
  );
}

export class ScreenDto {
  @ApiProperty() @IsInt() @Min(100) @Max(20_000) width: number;
  @ApiProperty() @IsInt() @Min(100) @Max(20_000) height: number;
  @ApiPropertyOptional() @IsOptional() @IsNumber({ allowNaN: false, allowInfinity: false }) @Min(0.5) @Max(10) density?: number;
}

/** What the payment app's SDK collects, as risk Assess takes it. */
export class DeviceSignalsDto {
  @ApiProperty({ enum: PLATFORMS }) @IsIn(PLATFORMS) platform: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) app_instance_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) oaid?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) idfv?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) android_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) imei?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) manufacturer?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(128) model?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) os_version?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) app_version?: string;
  @ApiPropertyOptional({ type: ScreenDto }) @IsOptional() @ValidateNested() @Type(() => ScreenDto) screen?: ScreenDto;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) carrier?: string;
  @ApiPropertyOptional({ enum: NETWORK_TYPES }) @IsOptional() @IsIn(NETWORK_TYPES) network_type?: string;
  @ApiPropertyOptional({ example: 'Asia/Shanghai' }) @IsOptional() @IsString() @MaxLength(64) timezone?: string;
  @ApiPropertyOptional({ example: 'zh-CN' }) @IsOptional() @IsString() @MaxLength(35) language?: string;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() emulator?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() rooted?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() jailbroken?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() hooked?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() debugger?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() proxy?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() vpn?: boolean;
  @ApiPropertyOptional() @IsOptional() @IsBoolean() cloned_app?: boolean;

  @ApiPropertyOptional({ type: [String] })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(100)
  @IsString({ each: true })
  @MaxLength(256, { each: true })
  risky_apps?: string[];

  @ApiPropertyOptional({ type: 'object', additionalProperties: { type: 'string' } })
  @IsOptional()
  @IsObject()
  @IsSmallStringMap()
  extra?: Record<string, string>;
}

/** The optional device context every factor route accepts, passed to risk. */
export abstract class WithDeviceContextDto {
  @ApiPropertyOptional({ type: DeviceSignalsDto, description: 'Device signals from the app SDK, for risk assessment.' })
  @IsOptional()
  @ValidateNested()
  @Type(() => DeviceSignalsDto)
  device?: DeviceSignalsDto;

  @ApiPropertyOptional({ description: "The end user's IP when a backend calls on their behalf; otherwise the connection's." })
  @IsOptional()
  @IsIP()
  ip?: string;
}

export function toDeviceSignals(device: DeviceSignalsDto): DeviceSignals {
  return {
    platform: device.platform,
    appInstanceId: device.app_instance_id,
    oaid: device.oaid,
    idfv: device.idfv,
    androidId: device.android_id,
    imei: device.imei,
    manufacturer: device.manufacturer,
    model: device.model,
    osVersion: device.os_version,
    appVersion: device.app_version,
    screen: device.screen ? { width: device.screen.width, height: device.screen.height, density: device.screen.density } : undefined,
    carrier: device.carrier,
    networkType: device.network_type,
    timezone: device.timezone,
    language: device.language,
    emulator: device.emulator,
    rooted: device.rooted,
    jailbroken: device.jailbroken,
    hooked: device.hooked,
    debugger: device.debugger,
    proxy: device.proxy,
    vpn: device.vpn,
    clonedApp: device.cloned_app,
    riskyApps: device.risky_apps ?? [],
    extra: device.extra ?? {},
  };
}
