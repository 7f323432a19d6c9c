import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListDecisionsResponse, RiskServiceController } from '#contracts/risk';
import type { Outcome } from '../../shared/outcome.js';
import { toDecisionSummaryMessage } from '../decision.response.js';
import { ListDecisionsRequestDto } from './list-decisions.request.js';
import { ListDecisionsUseCase } from './list-decisions.use-case.js';

@Controller()
export class ListDecisionsGrpcController implements Pick<RiskServiceController, 'listDecisions'> {
  constructor(private readonly useCase: ListDecisionsUseCase) {}

  @GrpcMethod('RiskService', 'ListDecisions')
  async listDecisions(@Payload() request: ListDecisionsRequestDto): Promise<ListDecisionsResponse> {
    const filter = {
      subjectId: request.subjectId,
      deviceId: request.deviceId,
      outcome: request.decision as Outcome | undefined,
      minScore: request.minScore,
      maxScore: request.maxScore,
      eventType: request.eventType,
      rule: request.rule,
      from: request.from ? new Date(request.from) : undefined,
      to: request.to ? new Date(request.to) : undefined,
    };
    const page = await this.useCase.execute(filter, request.limit, request.cursor);
    return { items: page.items.map(toDecisionSummaryMessage), nextCursor: page.nextCursor };
  }
}
