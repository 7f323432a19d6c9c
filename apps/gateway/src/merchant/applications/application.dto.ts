import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';

/*
 * Request bodies of the merchant onboarding routes. The gateway checks shape
 * and size; the merchant service checks meaning (ID check digits, mobiles,
 * dates, documents) and answers per-field violations with paths such as
 * `owner.id_number`. In a PATCH, `null` removes a group or a field.
 */

const ID_TYPES = ['RESIDENT_ID', 'PASSPORT', 'HK_MACAO_PERMIT', 'TAIWAN_PERMIT', 'FOREIGN_PERMANENT_RESIDENT'];

export class OwnerDto {
  @ApiPropertyOptional({ example: '高秀兰' }) @IsOptional() @IsString() @MaxLength(64) name?: string | null;
  @ApiPropertyOptional({ description: 'GB 11643 resident ID number' }) @IsOptional() @IsString() @MaxLength(32) id_number?: string | null;
  @ApiPropertyOptional({ description: 'Mainland mobile' }) @IsOptional() @IsString() @MaxLength(32) phone?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(254) email?: string | null;
  @ApiPropertyOptional({ description: 'Document of kind ID_PHOTO_FRONT' }) @IsOptional() @IsString() @MaxLength(64) id_photo_front_document_id?: string | null;
  @ApiPropertyOptional({ description: 'Document of kind ID_PHOTO_BACK' }) @IsOptional() @IsString() @MaxLength(64) id_photo_back_document_id?: string | null;
}

export class CompanyDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) name?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) address?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000) business_scope?: string | null;
}

export class BusinessLicenseDto {
  @ApiPropertyOptional({ description: 'GB 32100 unified social credit code' }) @IsOptional() @IsString() @MaxLength(32) credit_code?: string | null;
  @ApiPropertyOptional({ description: 'YYYY-MM-DD or LONG_TERM' }) @IsOptional() @IsString() @MaxLength(16) valid_until?: string | null;
  @ApiPropertyOptional({ description: 'Document of kind BUSINESS_LICENSE' }) @IsOptional() @IsString() @MaxLength(64) photo_document_id?: string | null;
}

export class PersonDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) name?: string | null;
  @ApiPropertyOptional({ enum: ID_TYPES }) @IsOptional() @IsString() @MaxLength(32) id_type?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) id_number?: string | null;
  @ApiPropertyOptional({ description: 'YYYY-MM-DD or LONG_TERM' }) @IsOptional() @IsString() @MaxLength(16) id_valid_until?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) phone?: string | null;
}

export class BeneficialOwnerDto {
  @ApiProperty() @IsString() @MaxLength(64) name: string;
  @ApiProperty() @IsString() @MaxLength(200) address: string;
  @ApiProperty({ enum: ID_TYPES }) @IsString() @MaxLength(32) id_type: string;
  @ApiProperty() @IsString() @MaxLength(32) id_number: string;
  @ApiProperty({ description: 'YYYY-MM-DD or LONG_TERM' }) @IsString() @MaxLength(16) id_valid_until: string;
  @ApiProperty({ minimum: 25, maximum: 100 }) @IsNumber({ allowNaN: false, allowInfinity: false }) ownership_percent: number;
}

export class SettlementAccountDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) bank_name?: string | null;
  @ApiPropertyOptional({ description: "The owner's name (individual) or the company's name (enterprise)" })
  @IsOptional()
  @IsString()
  @MaxLength(100)
  account_name?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(40) account_number?: string | null;
}

export class StoreDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) name?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(200) address?: string | null;
  @ApiPropertyOptional({ description: 'Document of kind STORE_PHOTO (storefront or premises)' }) @IsOptional() @IsString() @MaxLength(64) photo_document_id?:
    string | null;
}

export class CreditCardAuthorizationDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(100) issuing_bank?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(64) account_name?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) card_number?: string | null;
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(32) reserved_phone?: string | null;
}

/** The groups of an onboarding application (shared/API.md). */
export class ApplicationFormDto {
  @ApiPropertyOptional({ type: OwnerDto, description: 'INDIVIDUAL' }) @IsOptional() @ValidateNested() @Type(() => OwnerDto) owner?: OwnerDto | null;
  @ApiPropertyOptional({ type: CompanyDto, description: 'ENTERPRISE' }) @IsOptional() @ValidateNested() @Type(() => CompanyDto) company?: CompanyDto | null;
  @ApiPropertyOptional({ type: BusinessLicenseDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BusinessLicenseDto)
  business_license?: BusinessLicenseDto | null;
  @ApiPropertyOptional({ type: PersonDto, description: 'ENTERPRISE' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDto)
  legal_representative?: PersonDto | null;
  @ApiPropertyOptional({ type: PersonDto, description: 'ENTERPRISE, optional' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PersonDto)
  authorized_agent?: PersonDto | null;
  @ApiPropertyOptional({ type: [BeneficialOwnerDto], description: 'ENTERPRISE: owners of 25% or more' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(4)
  @ValidateNested({ each: true })
  @Type(() => BeneficialOwnerDto)
  beneficial_owners?: BeneficialOwnerDto[] | null;
  @ApiPropertyOptional({ type: SettlementAccountDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => SettlementAccountDto)
  settlement_account?: SettlementAccountDto | null;
  @ApiPropertyOptional({ type: StoreDto }) @IsOptional() @ValidateNested() @Type(() => StoreDto) store?: StoreDto | null;
}

export class CreateApplicationDto extends ApplicationFormDto {
  @ApiProperty({ description: "The merchant's own key: creating again with it returns the same application.", example: 'shop-0001' })
  @Matches(/^[A-Za-z0-9._:-]{1,64}$/)
  business_code: string;

  @ApiProperty({ enum: ['INDIVIDUAL', 'ENTERPRISE'] })
  @IsIn(['INDIVIDUAL', 'ENTERPRISE'])
  type: 'INDIVIDUAL' | 'ENTERPRISE';
}

/** A partial application: groups merge field by field; `null` removes a group or a field. Upgrade requests take their own two groups. */
export class UpdateApplicationDto extends ApplicationFormDto {
  @ApiPropertyOptional({ type: CreditCardAuthorizationDto, description: 'Upgrade requests only' })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreditCardAuthorizationDto)
  credit_card_authorization?: CreditCardAuthorizationDto | null;
}

export class CreateUpgradeDto {
  @ApiProperty({ enum: ['L2', 'L3'], description: 'L2 adds a credit-card authorisation; L3 adds a business licence on top' })
  @IsIn(['L2', 'L3'])
  target_level: 'L2' | 'L3';

  @ApiPropertyOptional({ type: CreditCardAuthorizationDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => CreditCardAuthorizationDto)
  credit_card_authorization?: CreditCardAuthorizationDto;

  @ApiPropertyOptional({ type: BusinessLicenseDto })
  @IsOptional()
  @ValidateNested()
  @Type(() => BusinessLicenseDto)
  business_license?: BusinessLicenseDto;
}

export class ListQueryDto {
  @ApiPropertyOptional({ default: 50, maximum: 500 })
  @IsOptional()
  @Type(() => Number)
  @IsInt()
  @Min(1)
  @Max(500)
  limit?: number;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(512) cursor?: string;
}

export class IdParam {
  @IsString()
  @MaxLength(64)
  id: string;
}
