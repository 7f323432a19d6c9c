import { ValidationPipe } from '@nestjs/common';
import { DomainError, violationsFrom } from '#libs/errors';

/**
 * Request DTOs are whitelisted: an unknown field is an error, not silently
 * dropped, so a client typo never passes as "accepted".
 */
export function gatewayValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    stopAtFirstError: false,
    exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', 'The request is invalid', violationsFrom(errors)),
  });
}
