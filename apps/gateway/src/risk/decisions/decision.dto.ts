import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Length, Matches, Max, MaxLength, Min } from 'class-validator';
import { DECISIONS, EVENT_TYPES, ReasonView } from '../assessments/assessment.dto.js';

const DECISION_ID = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export class DecisionQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 128) subject_id?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @Length(1, 64) device_id?: string;
  @ApiPropertyOptional({ enum: DECISIONS }) @IsOptional() @IsIn(DECISIONS) decision?: string;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100) min_score?: number;
  @ApiPropertyOptional({ minimum: 0, maximum: 100 }) @IsOptional() @Type(() => Number) @IsInt() @Min(0) @Max(100) max_score?: number;
  @ApiPropertyOptional({ enum: EVENT_TYPES }) @IsOptional() @IsIn(EVENT_TYPES) event_type?: string;
  @ApiPropertyOptional({ description: 'A rule id that hit.' }) @IsOptional() @Matches(/^[a-z][a-z0-9_]{1,63}$/) rule?: string;
  @ApiPropertyOptional({ description: 'RFC 3339, inclusive.' }) @IsOptional() @IsISO8601({ strict: true }) from?: string;
  @ApiPropertyOptional({ description: 'RFC 3339, exclusive.' }) @IsOptional() @IsISO8601({ strict: true }) to?: string;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class DecisionIdParam {
  @Matches(DECISION_ID, { message: 'id must be a decision id' })
  id: string;
}

export class LabelDto {
  @ApiProperty({ enum: ['FRAUD', 'LEGIT'] }) @IsIn(['FRAUD', 'LEGIT']) label: string;
}

export class ShadowResultView {
  @ApiProperty() ruleset_version: number;
  @ApiProperty() score: number;
  @ApiProperty({ enum: DECISIONS }) decision: string;
}

export class DecisionView {
  @ApiProperty() id: string;
  @ApiProperty() occurred_at: string;
  @ApiProperty({ enum: EVENT_TYPES }) event_type: string;
  @ApiProperty() subject_id: string;
  @ApiProperty({ nullable: true, type: String }) merchant_id: string | null;
  @ApiProperty() device_id: string;
  @ApiProperty() ip: string;
  @ApiProperty() score: number;
  @ApiProperty({ enum: DECISIONS }) decision: string;
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
  @ApiProperty({ type: [String] }) hit_rules: string[];
  @ApiProperty() ruleset_version: number;
  @ApiProperty({ type: ShadowResultView, nullable: true, description: 'What the shadow ruleset decided (never enforced).' }) shadow: ShadowResultView | null;
  @ApiProperty({ enum: ['FRAUD', 'LEGIT'], nullable: true, type: String }) label: string | null;
}

export class DecisionPageView {
  @ApiProperty({ type: [DecisionView] }) items: DecisionView[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
}

export class RuleResultView {
  @ApiProperty() rule_id: string;
  @ApiProperty() reason_code: string;
  @ApiProperty() description: string;
  @ApiProperty({ enum: ['HIT', 'NO_HIT', 'ERROR'] }) result: string;
  @ApiProperty() score: number;
  @ApiProperty({ nullable: true, type: String }) outcome: string | null;
  @ApiProperty({ nullable: true, type: String }) error: string | null;
}

export class DeviceIdentityView {
  @ApiProperty() device_id: string;
  @ApiProperty({ enum: ['hard', 'fingerprint', 'new'] }) id_kind: string;
  @ApiProperty() confidence: number;
  @ApiProperty() fingerprint_version: string;
  @ApiProperty() hard_id_changed: boolean;
}

export class MaskedSnapshotView {
  @ApiPropertyOptional() id_number?: string;
  @ApiPropertyOptional() card_number?: string;
  @ApiPropertyOptional() phone?: string;
  @ApiPropertyOptional() app_instance_id?: string;
  @ApiPropertyOptional() oaid?: string;
  @ApiPropertyOptional() idfv?: string;
  @ApiPropertyOptional() android_id?: string;
  @ApiPropertyOptional() imei?: string;
  @ApiPropertyOptional({ description: 'Rounded to about 1 km.' }) gps?: string;
}

export class DecisionDetailView extends DecisionView {
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The features the rules saw.' }) features: Record<string, unknown>;
  @ApiProperty({ type: 'object', additionalProperties: true, description: 'The non-personal signals of the snapshot.' }) signals: Record<string, unknown>;
  @ApiProperty({ type: [RuleResultView] }) rule_results: RuleResultView[];
  @ApiProperty({ type: [RuleResultView] }) shadow_rule_results: RuleResultView[];
  @ApiProperty({ type: [String], description: 'Plain-language explanation, one sentence per item.' }) explanation: string[];
  @ApiProperty({ type: DeviceIdentityView }) device: DeviceIdentityView;
  @ApiProperty({ type: MaskedSnapshotView }) masked: MaskedSnapshotView;
  @ApiProperty({ nullable: true, type: String }) labelled_by: string | null;
  @ApiProperty({ nullable: true, type: String }) labelled_at: string | null;
}
