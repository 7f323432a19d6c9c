import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListApplicationsResponse, MerchantServiceController } from '#contracts/merchant';
import { ApplicationViews } from '../application-views.js';
import { ListApplicationsRequestDto } from './list-applications.request.js';
import { ListApplicationsUseCase } from './list-applications.use-case.js';

@Controller()
export class ListApplicationsGrpcController implements Pick<MerchantServiceController, 'listApplications'> {
  constructor(
    private readonly useCase: ListApplicationsUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @GrpcMethod('MerchantService', 'ListApplications')
  async listApplications(@Payload() request: ListApplicationsRequestDto): Promise<ListApplicationsResponse> {
    const page = await this.useCase.execute(request.merchantId, request.limit, request.cursor);
    return { items: await this.views.renderMany(page.items, 'merchant'), nextCursor: page.nextCursor };
  }
}
