import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { TencentApiError } from './tencent-api.error.js';

function isPlainObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Validates a request body against its DTO the way Tencent's gateway does:
 * wrong or missing parameters are `InvalidParameter`, parameters the action
 * does not define are `UnknownParameter`. Messages name the DTO's own
 * parameters only: an unknown key, like every value, is the caller's data.
 */
@Injectable()
export class TencentParamsPipe implements PipeTransform {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'body' || !metadata.metatype) return value;
    if (!isPlainObject(value)) throw new TencentApiError(400, 'InvalidParameter', 'The request body must be a JSON object.');
    // No implicit conversion: "85" is not a number, as on the real API.
    const params = plainToInstance(metadata.metatype as new () => object, value) as object;
    const errors = validateSync(params, { whitelist: true, forbidNonWhitelisted: true, forbidUnknownValues: true });
    const unknown = errors.filter((error) => error.constraints?.['whitelistValidation']);
    if (unknown.length > 0) {
      throw new TencentApiError(400, 'UnknownParameter', `The request has ${unknown.length} parameter(s) this action does not define.`);
    }
    if (errors.length > 0) {
      const named = errors.map((error) => `${error.property} (${Object.keys(error.constraints ?? {}).join(', ')})`);
      throw new TencentApiError(400, 'InvalidParameter', `Missing or invalid parameters: ${named.join('; ')}.`);
    }
    return params;
  }
}
