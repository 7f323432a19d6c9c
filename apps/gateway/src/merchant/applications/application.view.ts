import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';

export class ReasonView {
  @ApiProperty({ example: 'owner.id_number', description: 'A form field path, or `application`' }) field: string;
  @ApiProperty({ example: 'ID_NO_RECORD' }) reason: string;
}

export class DecisionView {
  @ApiProperty() reviewer_id: string;
  @ApiProperty({ enum: ['APPROVE', 'REJECT', 'REQUEST_INFO'] }) decision: string;
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
  @ApiProperty() round: number;
  @ApiProperty() decided_at: string;
}

export class ReviewView {
  @ApiProperty({ type: [ReasonView], description: 'Reasons of the latest rejection (by a reviewer or by the automated checks) or information request' })
  reasons: ReasonView[];
  @ApiProperty({ description: 'Approvals in the current review round' }) approvals: number;
  @ApiProperty({ description: '2 when the checks flagged the application (risk REVIEW or worse)', enum: [1, 2] }) approvals_required: number;
  @ApiPropertyOptional() decided_at?: string;
  @ApiPropertyOptional({ type: [DecisionView], description: 'Staff views only' }) decisions?: DecisionView[];
}

export class TransitionView {
  @ApiProperty({ nullable: true, type: String }) from_status: string | null;
  @ApiProperty() to_status: string;
  @ApiProperty({ enum: ['MERCHANT', 'REVIEWER', 'ADMIN', 'SYSTEM'] }) actor_type: string;
  @ApiPropertyOptional({ description: 'Staff views only' }) actor_id?: string;
  @ApiProperty({ type: [ReasonView] }) reasons: ReasonView[];
  @ApiProperty() occurred_at: string;
  @ApiProperty({ description: 'The webhook event id of this change' }) event_id: string;
}

export class CheckView {
  @ApiProperty({ enum: ['CREDIT_CODE', 'REAL_NAME', 'SETTLEMENT_ACCOUNT', 'RISK', 'DUPLICATE', 'CARD_HOLDER'] }) check: string;
  @ApiProperty({ enum: ['PASS', 'FAIL', 'FLAG', 'UNAVAILABLE', 'SKIPPED'] }) result: string;
  @ApiPropertyOptional() detail?: string;
  @ApiPropertyOptional() field?: string;
  @ApiPropertyOptional() score?: number;
  @ApiPropertyOptional() decision_id?: string;
  @ApiProperty() checked_at: string;
}

export class MaskedGroupsView {
  @ApiPropertyOptional({ description: 'name, id_number, phone, email masked' }) owner?: Record<string, string>;
  @ApiPropertyOptional() legal_representative?: Record<string, string>;
  @ApiPropertyOptional() authorized_agent?: Record<string, string>;
  @ApiPropertyOptional() beneficial_owners?: Array<Record<string, string | number>>;
  @ApiPropertyOptional({ description: 'account_number always masked; account_name masked for individuals' }) settlement_account?: Record<string, string>;
  @ApiPropertyOptional() credit_card_authorization?: Record<string, string>;
}

export class ApplicationView {
  @ApiProperty() id: string;
  @ApiProperty({ enum: ['ONBOARDING', 'UPGRADE'] }) kind: string;
  @ApiPropertyOptional() business_code?: string;
  @ApiProperty({ enum: ['INDIVIDUAL', 'ENTERPRISE'] }) type: string;
  @ApiProperty({ enum: ['DRAFT', 'SUBMITTED', 'IN_REVIEW', 'NEEDS_INFO', 'APPROVED', 'REJECTED', 'ACTIVE', 'SUSPENDED', 'CLOSED'] }) status: string;
  @ApiPropertyOptional({ enum: ['L1', 'L2', 'L3'], description: "Onboarding: the merchant's level" }) level?: string;
  @ApiPropertyOptional({ enum: ['L2', 'L3'], description: 'Upgrade requests: the level asked for' }) target_level?: string;
  @ApiPropertyOptional({ description: 'Upgrade requests: the merchant application upgraded' }) parent_application_id?: string;
  @ApiPropertyOptional() company?: Record<string, string>;
  @ApiPropertyOptional() business_license?: Record<string, string>;
  @ApiPropertyOptional() store?: Record<string, string>;
  @ApiProperty({ type: MaskedGroupsView, description: 'Groups holding personal data, masked (JR/T 0171)' }) masked: MaskedGroupsView;
  @ApiProperty({ type: ReviewView }) review: ReviewView;
  @ApiProperty({ type: [TransitionView], description: 'Every transition with actor, time and reasons (empty in lists)' }) history: TransitionView[];
  @ApiProperty() created_at: string;
  @ApiProperty() updated_at: string;
  @ApiPropertyOptional() submitted_at?: string;
}

export class StaffApplicationView extends ApplicationView {
  @ApiProperty() merchant_id: string;
  @ApiProperty({ type: [CheckView], description: 'The automated checks of the latest submission' }) checks: CheckView[];
}

export class ApplicationPageView {
  @ApiProperty({ type: [ApplicationView] }) items: ApplicationView[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
}

export class StaffApplicationPageView {
  @ApiProperty({ type: [StaffApplicationView] }) items: StaffApplicationView[];
  @ApiProperty({ nullable: true, type: String }) next_cursor: string | null;
}
