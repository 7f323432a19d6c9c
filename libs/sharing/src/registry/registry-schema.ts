import 'reflect-metadata';
import { Type } from 'class-transformer';
import { ArrayMinSize, IsArray, IsBoolean, IsIn, IsInt, IsObject, IsOptional, IsString, Length, Matches, Max, Min, ValidateNested } from 'class-validator';
import { DISCLOSURE_PURPOSES, LEGAL_BASES } from './purposes.js';

const FIELD = /^[a-z][a-z0-9_]{0,63}$/;

export class EndpointSchema {
  @IsIn(['http', 'dynamic', 'subject'])
  kind: 'http' | 'dynamic' | 'subject';

  @IsOptional()
  @Matches(/^https?:\/\/\S+$/)
  url?: string;

  @IsInt()
  @Min(100)
  @Max(120_000)
  timeout_ms = 5000;

  @IsBoolean()
  idempotent = false;

  @IsOptional()
  @IsString()
  ca_file?: string;
}

export class PurposeRuleSchema {
  @IsIn(DISCLOSURE_PURPOSES)
  purpose: string;

  @IsIn(LEGAL_BASES)
  legal_basis: string;

  @IsArray()
  @ArrayMinSize(1)
  @Matches(FIELD, { each: true })
  fields: string[];
}

export class RecipientSchema {
  @Matches(/^[a-z][a-z0-9-]{1,63}$/)
  id: string;

  @IsString()
  @Length(1, 200)
  legal_entity: string;

  @Matches(/^[A-Z]{2}$/)
  country: string;

  @ValidateNested()
  @Type(() => EndpointSchema)
  endpoint: EndpointSchema;

  @IsOptional()
  @IsObject()
  field_map?: Record<string, string>;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => PurposeRuleSchema)
  purposes: PurposeRuleSchema[];
}

export class RegistrySchema {
  @IsInt()
  version: number;

  @IsArray()
  @ArrayMinSize(1)
  @ValidateNested({ each: true })
  @Type(() => RecipientSchema)
  recipients: RecipientSchema[];
}
