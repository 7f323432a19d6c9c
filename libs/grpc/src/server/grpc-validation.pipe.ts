import { ValidationPipe } from '@nestjs/common';
import { DomainError, violationsFrom } from '#libs/errors';

/**
 * Validates request DTOs of gRPC handlers. Protobuf already fixes the shape;
 * this checks the content (formats, ranges, enum values) and answers
 * INVALID_ARGUMENT with field violations.
 */
export function grpcValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    transform: true,
    whitelist: false,
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new DomainError('VALIDATION_FAILED', 'The request is invalid', violationsFrom(errors)),
  });
}
