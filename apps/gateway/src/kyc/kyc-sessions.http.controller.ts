import { Body, Controller, Get, HttpCode, Inject, Ip, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import type { DeviceContext } from '#contracts/identity';
import { IDENTITY_CLIENT, type IdentityClient } from '../backends/backend-clients.js';
import { Roles } from '../edge/auth/access.decorators.js';
import type { Caller } from '../edge/auth/caller.js';
import { CurrentCaller } from '../edge/auth/current-caller.decorator.js';
import { Idempotent } from '../edge/idempotency/idempotent.decorator.js';
import { toDeviceSignals } from '../risk/device-signals.dto.js';
import type { WithDeviceContextDto } from './device-context.dto.js';
import { CreateSessionDto, FactorResultView, SessionIdParam, SessionView, SubmitBankCardDto, SubmitIdentityDto, SubmitLivenessDto } from './kyc.dto.js';
import { toFactorResultView, toSessionView } from './kyc.mapper.js';

// A factor waits on risk, the privacy service and the verifier's own deadline; identity bounds all three.
const FACTOR_TIMEOUT_MS = 30_000;

const contextOf = (body: WithDeviceContextDto, connectionIp: string): DeviceContext => ({
  ip: body.ip ?? connectionIp ?? '',
  ...(body.device ? { device: toDeviceSignals(body.device) } : {}),
});

@ApiTags('kyc')
@ApiBearerAuth()
@Roles('user')
@Controller('v1/kyc/sessions')
export class KycSessionsHttpController {
  constructor(@Inject(IDENTITY_CLIENT) private readonly identity: IdentityClient) {}

  @Post()
  @Idempotent()
  @ApiCreatedResponse({ type: SessionView })
  async create(@CurrentCaller() caller: Caller, @Body() body: CreateSessionDto): Promise<SessionView> {
    const { session } = await this.identity.createSession({ subjectId: caller.subjectId, targetLevel: body.target_level });
    return toSessionView(session!);
  }

  @Get(':id')
  @ApiOkResponse({ type: SessionView })
  async get(@CurrentCaller() caller: Caller, @Param() params: SessionIdParam): Promise<SessionView> {
    const { session } = await this.identity.getSession({ subjectId: caller.subjectId, sessionId: params.id });
    return toSessionView(session!);
  }

  @Post(':id/identity')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: FactorResultView, description: 'Name + ID number against the ID authority.' })
  async identityFactor(
    @CurrentCaller() caller: Caller,
    @Param() params: SessionIdParam,
    @Body() body: SubmitIdentityDto,
    @Ip() ip: string,
  ): Promise<FactorResultView> {
    const { result } = await this.identity.submitIdentity(
      { subjectId: caller.subjectId, sessionId: params.id, name: body.name, idNumber: body.id_number, context: contextOf(body, ip) },
      { timeoutMs: FACTOR_TIMEOUT_MS },
    );
    return toFactorResultView(result!);
  }

  @Post(':id/liveness')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: FactorResultView, description: 'A live frame against the authority photo of the matched ID.' })
  async livenessFactor(
    @CurrentCaller() caller: Caller,
    @Param() params: SessionIdParam,
    @Body() body: SubmitLivenessDto,
    @Ip() ip: string,
  ): Promise<FactorResultView> {
    const { result } = await this.identity.submitLiveness(
      {
        subjectId: caller.subjectId,
        sessionId: params.id,
        livenessScore: body.liveness_score,
        faceImage: Buffer.from(body.face_image, 'base64'),
        context: contextOf(body, ip),
      },
      { timeoutMs: FACTOR_TIMEOUT_MS },
    );
    return toFactorResultView(result!);
  }

  @Post(':id/bank-card')
  @HttpCode(200)
  @Idempotent()
  @ApiOkResponse({ type: FactorResultView, description: 'Card + reserved phone against the matched name and ID number.' })
  async bankCardFactor(
    @CurrentCaller() caller: Caller,
    @Param() params: SessionIdParam,
    @Body() body: SubmitBankCardDto,
    @Ip() ip: string,
  ): Promise<FactorResultView> {
    const { result } = await this.identity.submitBankCard(
      { subjectId: caller.subjectId, sessionId: params.id, cardNumber: body.card_number, phone: body.phone, context: contextOf(body, ip) },
      { timeoutMs: FACTOR_TIMEOUT_MS },
    );
    return toFactorResultView(result!);
  }
}
