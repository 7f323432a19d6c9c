import { Controller } from '@nestjs/common';
import { GrpcMethod, Payload } from '@nestjs/microservices';
import type { ListDataRequestsRequest, ListDataRequestsResponse, PrivacyServiceController } from '#contracts/privacy';
import { decodeCursor, encodeCursor, pageSize } from '#libs/db';
import { IsIn, IsInt, IsISO8601, IsOptional, IsString, Max, MaxLength, Min } from 'class-validator';
import { OPEN_STATUSES, type DataRequestStatus } from '../data-request.js';
import { DataRequestRepository } from '../data-request.repository.js';
import { toDataRequestMessage } from '../data-request.mapper.js';

export class ListDataRequestsRequestDto implements ListDataRequestsRequest {
  @IsOptional()
  @IsIn(['RECEIVED', 'IN_PROGRESS', 'COMPLETED', 'REFUSED'])
  status?: string;

  @IsOptional()
  @IsISO8601({ strict: true })
  dueBefore?: string;

  @IsInt()
  @Min(0)
  @Max(500)
  limit: number;

  @IsOptional()
  @IsString()
  @MaxLength(512)
  cursor?: string;
}

/** For staff: requests by deadline, the open ones unless a status is named (e.g. COMPLETED, for a look back). */
@Controller()
export class ListDataRequestsGrpcController implements Pick<PrivacyServiceController, 'listDataRequests'> {
  constructor(private readonly requests: DataRequestRepository) {}

  @GrpcMethod('PrivacyService', 'ListDataRequests')
  async listDataRequests(@Payload() request: ListDataRequestsRequestDto): Promise<ListDataRequestsResponse> {
    const size = pageSize(request.limit);
    const items = await this.requests.list({
      statuses: request.status ? [request.status as DataRequestStatus] : OPEN_STATUSES,
      dueBefore: request.dueBefore ? new Date(request.dueBefore) : undefined,
      afterId: request.cursor ? decodeCursor(request.cursor, ['dueAt', 'id'] as const) : undefined,
      limit: size + 1,
    });
    const page = items.slice(0, size);
    const last = page.at(-1);
    return {
      items: page.map((item) => toDataRequestMessage(item, false)),
      nextCursor: items.length > size && last ? encodeCursor({ dueAt: last.dueAt.toISOString(), id: last.id }) : undefined,
    };
  }
}
