import type { RunRetentionRequest } from '#contracts/subject_data';
import { IsISO8601, Matches, ValidateIf } from 'class-validator';

/** RFC 3339 date-time (the ISO 8601 validator alone also takes week and ordinal dates, which Date cannot parse). */
const RFC3339 = /^[1-9]\d{3}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?(Z|[+-]\d{2}:\d{2})$/;

export class RunRetentionRequestDto implements RunRetentionRequest {
  /** Empty means now. The privacy service decides whether its caller may move "now". */
  @ValidateIf((request: RunRetentionRequestDto) => request.asOf !== '')
  @Matches(RFC3339)
  @IsISO8601({ strict: true, strictSeparator: true })
  asOf: string;
}
