import type { DeviceContext as DeviceContextMessage } from '#contracts/identity';
import type { DeviceSignals } from '#contracts/risk';
import { IsObject, IsOptional, IsString, MaxLength } from 'class-validator';
import type { DeviceContext } from './risk-assessor.js';

/** Device context as the gateway sends it; the signals themselves are risk's to validate. */
export class DeviceContextDto implements DeviceContextMessage {
  @IsString()
  @MaxLength(64)
  ip: string;

  @IsOptional()
  @IsObject()
  device?: DeviceSignals;
}

/** Unset protobuf messages arrive as null. */
export function deviceContextOf(message: DeviceContextMessage | null | undefined): DeviceContext {
  return { ip: message?.ip ?? '', ...(message?.device ? { device: message.device } : {}) };
}
