/** Tencent Cloud API 3.0 wraps every answer in `Response`, with the server's RequestId inside. */
export interface TencentAnswer<T> {
  Response: T & { RequestId: string };
}

export interface TencentErrorBody {
  Response: { Error: { Code: string; Message: string }; RequestId: string };
}

export function tencentAnswer<T extends object>(body: T, requestId: string): TencentAnswer<T> {
  return { Response: { ...body, RequestId: requestId } };
}

export function tencentError(code: string, message: string, requestId: string): TencentErrorBody {
  return { Response: { Error: { Code: code, Message: message }, RequestId: requestId } };
}
