import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  ArrayMaxSize,
  ArrayMinSize,
  IsArray,
  IsIn,
  IsInt,
  IsISO8601,
  IsOptional,
  IsString,
  Length,
  Matches,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';
import { DECISIONS } from '../assessments/assessment.dto.js';

const STATES = ['DRAFT', 'LIVE', 'SHADOW', 'RETIRED'] as const;

export class VersionParam {
  @Matches(/^[1-9]\d{0,8}$/, { message: 'version must be a positive integer' }) version: string;
}

export class RulesetsQueryDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) cursor?: string;
  @ApiPropertyOptional({ default: 50, maximum: 500 }) @IsOptional() @Type(() => Number) @IsInt() @Min(1) @Max(500) limit?: number;
}

export class RuleDto {
  @ApiProperty({ example: 'shared_device_1h' }) @Matches(/^[a-z][a-z0-9_]{1,63}$/) id: string;
  @ApiProperty({ example: 'SHARED_DEVICE' }) @Matches(/^[A-Z][A-Z0-9_]{1,63}$/) reason_code: string;
  @ApiProperty({ example: 'This device was used by 4 or more different accounts within an hour.' }) @IsString() @Length(1, 500) description: string;
  @ApiProperty({ example: "velocity.distinct_subjects_per_device['1h'] >= 4", description: 'CEL over the features (see docs/risk.md); true means a hit.' })
  @IsString()
  @Length(1, 2000)
  expression: string;

  @ApiProperty({ minimum: -100, maximum: 100 }) @IsInt() @Min(-100) @Max(100) score: number;
  @ApiPropertyOptional({ enum: DECISIONS, description: 'Forced on a hit.' }) @IsOptional() @IsIn(DECISIONS) outcome?: string;
}

export class CreateRulesetDto {
  @ApiProperty() @IsString() @Length(1, 500) description: string;
  @ApiProperty({ minimum: 1, maximum: 100 }) @IsInt() @Min(1) @Max(100) review_threshold: number;
  @ApiProperty({ minimum: 1, maximum: 100 }) @IsInt() @Min(1) @Max(100) deny_threshold: number;

  @ApiProperty({ type: [RuleDto] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(200)
  @ValidateNested({ each: true })
  @Type(() => RuleDto)
  rules: RuleDto[];

  @ApiPropertyOptional({ description: 'The version this draft was edited from.' }) @IsOptional() @IsInt() @Min(1) based_on?: number;
}

export class BacktestDto {
  @ApiProperty({ description: 'RFC 3339, inclusive.' }) @IsISO8601({ strict: true }) from: string;
  @ApiProperty({ description: 'RFC 3339, exclusive; at most 93 days after from.' }) @IsISO8601({ strict: true }) to: string;
  @ApiPropertyOptional({ default: 100_000, maximum: 1_000_000 }) @IsOptional() @IsInt() @Min(1) @Max(1_000_000) max_decisions?: number;
}

export class RuleView {
  @ApiProperty() id: string;
  @ApiProperty() reason_code: string;
  @ApiProperty() description: string;
  @ApiProperty() expression: string;
  @ApiProperty() score: number;
  @ApiProperty({ enum: DECISIONS, nullable: true, type: String }) outcome: string | null;
}

export class RulesetView {
  @ApiProperty() version: number;
  @ApiProperty({ enum: STATES }) state: string;
  @ApiProperty() description: string;
  @ApiProperty() review_threshold: number;
  @ApiProperty() deny_threshold: number;
  @ApiProperty({ type: [RuleView] }) rules: RuleView[];
  @ApiProperty() created_by: string;
  @ApiProperty() created_at: string;
  @ApiProperty({ nullable: true, type: String }) published_at: string | null;
  @ApiProperty({ nullable: true, type: String }) shadowed_at: string | null;
  @ApiProperty({ nullable: true, type: Number }) based_on: number | null;
}

export class RulesetPageView {
  @ApiProperty({ type: [RulesetView] }) items: RulesetView[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
}

export class OutcomeCountsView {
  @ApiProperty() allow: number;
  @ApiProperty() review: number;
  @ApiProperty() deny: number;
}

export class LabelMetricsView {
  @ApiProperty() true_positives: number;
  @ApiProperty() false_positives: number;
  @ApiProperty() false_negatives: number;
  @ApiProperty() true_negatives: number;
  @ApiProperty({ nullable: true, type: Number, description: 'Null when nothing was flagged.' }) precision: number | null;
  @ApiProperty({ nullable: true, type: Number, description: 'Null when nothing is labelled FRAUD.' }) recall: number | null;
}

export class TransitionView {
  @ApiProperty({ enum: DECISIONS }) from: string;
  @ApiProperty({ enum: DECISIONS }) to: string;
  @ApiProperty() count: number;
}

export class RuleHitsView {
  @ApiProperty() rule_id: string;
  @ApiProperty() hits: number;
  @ApiProperty() errors: number;
}

export class BacktestView {
  @ApiProperty() version: number;
  @ApiProperty() from: string;
  @ApiProperty() to: string;
  @ApiProperty() evaluated: number;
  @ApiProperty({ description: 'More decisions were in range than max_decisions.' }) truncated: boolean;
  @ApiProperty({ description: 'Decisions whose outcome would change.' }) changed: number;
  @ApiProperty({ type: [TransitionView] }) transitions: TransitionView[];
  @ApiProperty({ type: OutcomeCountsView, description: 'What this version would decide.' }) candidate_outcomes: OutcomeCountsView;
  @ApiProperty({ type: OutcomeCountsView, description: 'What was enforced.' }) recorded_outcomes: OutcomeCountsView;
  @ApiProperty({ description: 'Decisions with an analyst label.' }) labelled: number;
  @ApiProperty({ type: LabelMetricsView, description: 'REVIEW and DENY count as flagged; FRAUD is the positive class.' }) candidate_metrics: LabelMetricsView;
  @ApiProperty({ type: LabelMetricsView }) recorded_metrics: LabelMetricsView;
  @ApiProperty({ type: [RuleHitsView] }) rule_hits: RuleHitsView[];
}
