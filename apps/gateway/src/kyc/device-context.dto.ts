import { ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIP, IsOptional, ValidateNested } from 'class-validator';
import { DeviceSignalsDto } from '../risk/device-signals.dto.js';

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
