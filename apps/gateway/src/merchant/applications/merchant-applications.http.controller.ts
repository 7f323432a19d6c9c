import { Body, Controller, Get, HttpCode, Inject, Ip, Param, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { MERCHANT_CLIENT, type MerchantClient } from '../../backends/backend-clients.js';
import { Roles } from '../../edge/auth/access.decorators.js';
import type { Caller } from '../../edge/auth/caller.js';
import { CurrentCaller } from '../../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../../edge/idempotency/idempotent.decorator.js';
import { merchantIdOf } from '../merchant-caller.js';
import { CreateApplicationDto, CreateUpgradeDto, IdParam, ListQueryDto, UpdateApplicationDto } from './application.dto.js';
import { toApplicationView, toFormMessage } from './application.mapper.js';
import { ApplicationPageView, ApplicationView } from './application.view.js';

/** Submit runs the automated checks (identity, account verifier, risk) before answering. */
const SUBMIT_TIMEOUT_MS = 30_000;

@ApiTags('merchant onboarding')
@ApiBearerAuth()
@Roles('merchant')
@Controller('v1/merchant/applications')
export class MerchantApplicationsHttpController {
  constructor(@Inject(MERCHANT_CLIENT) private readonly merchants: MerchantClient) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: ApplicationView, description: '201 when created; 200 with the same application when business_code was used before.' })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateApplicationDto, @Res({ passthrough: true }) reply: FastifyReply): Promise<ApplicationView> {
    const { business_code: businessCode, type, ...groups } = body;
    const { application, created } = await this.merchants.createApplication({
      merchantId: merchantIdOf(caller),
      actorId: caller.subjectId,
      businessCode,
      type,
      form: toFormMessage(groups).form,
    });
    void reply.status(created ? 201 : 200);
    return toApplicationView(application!);
  }

  @Get()
  @ApiOkResponse({ type: ApplicationPageView, description: "This merchant's applications and upgrade requests, newest first." })
  async list(@CurrentCaller() caller: Caller, @Query() query: ListQueryDto): Promise<ApplicationPageView> {
    const page = await this.merchants.listApplications({ merchantId: merchantIdOf(caller), limit: query.limit ?? 50, cursor: query.cursor });
    return { items: page.items.map(toApplicationView), next_cursor: page.nextCursor ?? null };
  }

  @Get(':id')
  @ApiOkResponse({ type: ApplicationView })
  async get(@CurrentCaller() caller: Caller, @Param() params: IdParam): Promise<ApplicationView> {
    const { application } = await this.merchants.getApplication({ merchantId: merchantIdOf(caller), applicationId: params.id });
    return toApplicationView(application!);
  }

  @Patch(':id')
  @ApiOkResponse({ type: ApplicationView, description: 'Only while DRAFT or NEEDS_INFO (409 APPLICATION_NOT_EDITABLE otherwise).' })
  async update(@CurrentCaller() caller: Caller, @Param() params: IdParam, @Body() body: UpdateApplicationDto): Promise<ApplicationView> {
    const { form, clear } = toFormMessage(body);
    const { application } = await this.merchants.updateApplication({
      merchantId: merchantIdOf(caller),
      actorId: caller.subjectId,
      applicationId: params.id,
      form,
      clearFields: clear,
    });
    return toApplicationView(application!);
  }

  @Post(':id/submit')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({
    type: ApplicationView,
    description: 'IN_REVIEW, REJECTED with review.reasons, or SUBMITTED while an upstream is unavailable (retried in the background).',
  })
  async submit(@CurrentCaller() caller: Caller, @Param() params: IdParam, @Ip() ip: string): Promise<ApplicationView> {
    const { application } = await this.merchants.submitApplication(
      { merchantId: merchantIdOf(caller), actorId: caller.subjectId, applicationId: params.id, clientIp: ip },
      { timeoutMs: SUBMIT_TIMEOUT_MS },
    );
    return toApplicationView(application!);
  }

  @Post(':id/upgrades')
  @Idempotent()
  @ApiCreatedResponse({ type: ApplicationView, description: 'A DRAFT upgrade request on an ACTIVE merchant; submit it like an application.' })
  async upgrade(@CurrentCaller() caller: Caller, @Param() params: IdParam, @Body() body: CreateUpgradeDto): Promise<ApplicationView> {
    const { form } = toFormMessage({ business_license: body.business_license, credit_card_authorization: body.credit_card_authorization });
    const { application } = await this.merchants.createUpgrade({
      merchantId: merchantIdOf(caller),
      actorId: caller.subjectId,
      applicationId: params.id,
      targetLevel: body.target_level,
      creditCardAuthorization: form.creditCardAuthorization,
      businessLicense: form.businessLicense,
    });
    return toApplicationView(application!);
  }
}
