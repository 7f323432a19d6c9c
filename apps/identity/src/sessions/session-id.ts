import { IsString, Length } from 'class-validator';

/** Any short string: a malformed id is simply not found, like someone else's. */
export function IsSessionId(): PropertyDecorator {
  return (target, key) => {
    IsString()(target, key);
    Length(1, 64)(target, key);
  };
}
