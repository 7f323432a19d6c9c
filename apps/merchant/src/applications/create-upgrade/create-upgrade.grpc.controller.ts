import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { CreateUpgradeResponse, MerchantServiceController } from '#contracts/merchant';
import { ApplicationViews } from '../application-views.js';
import { formFromMessage } from '../form/form-message.js';
import { CreateUpgradeRequestDto } from './create-upgrade.request.js';
import { CreateUpgradeUseCase } from './create-upgrade.use-case.js';

@Controller()
export class CreateUpgradeGrpcController implements Pick<MerchantServiceController, 'createUpgrade'> {
  constructor(
    private readonly useCase: CreateUpgradeUseCase,
    private readonly views: ApplicationViews,
  ) {}

  @GrpcMethod('MerchantService', 'CreateUpgrade')
  async createUpgrade(@Payload() request: CreateUpgradeRequestDto): Promise<CreateUpgradeResponse> {
    const form = formFromMessage({
      owner: undefined,
      company: undefined,
      businessLicense: request.businessLicense,
      legalRepresentative: undefined,
      authorizedAgent: undefined,
      beneficialOwners: undefined,
      settlementAccount: undefined,
      store: undefined,
      creditCardAuthorization: request.creditCardAuthorization,
    });
    const upgrade = await this.useCase.execute({ ...request, form });
    return { application: await this.views.render(upgrade, 'merchant') };
  }
}
