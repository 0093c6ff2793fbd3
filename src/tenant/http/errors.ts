// Errors as the Management API sends them: JSON {statusCode, error, message[, errorCode]}, with the
// HTTP reason phrase in `error` (auth0-facts §4). What the client sees stays in ApiError; anything else
// thrown by a route is a bug, logged for the operator and answered as a plain 500.

const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  409: 'Conflict',
  413: 'Request Entity Too Large',
  415: 'Unsupported Media Type',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  503: 'Service Unavailable',
};

export function reasonPhrase(status: number): string {
  return REASONS[status] ?? 'Error';
}

export class ApiError extends Error {
  readonly statusCode: number;
  readonly errorCode: string | undefined;
  readonly headers: Readonly<Record<string, string>>;

  constructor(statusCode: number, message: string, options: { errorCode?: string; headers?: Record<string, string> } = {}) {
    super(message);
    this.name = 'ApiError';
    this.statusCode = statusCode;
    this.errorCode = options.errorCode;
    this.headers = options.headers ?? {};
  }

  body(): Record<string, unknown> {
    const body: Record<string, unknown> = { statusCode: this.statusCode, error: reasonPhrase(this.statusCode), message: this.message };
    if (this.errorCode !== undefined) body['errorCode'] = this.errorCode;
    return body;
  }

  toResponse(): Response {
    return new Response(JSON.stringify(this.body()), {
      status: this.statusCode,
      headers: { 'content-type': 'application/json; charset=utf-8', ...this.headers },
    });
  }
}

export const badRequest = (message: string, errorCode = 'invalid_body') => new ApiError(400, message, { errorCode });
export const payloadError = (detail: string) => badRequest(`Payload validation error: ${detail}.`, 'invalid_body');
export const queryError = (detail: string) => badRequest(`Query validation error: ${detail}.`, 'invalid_query_string');
export const notFound = (message = 'Not Found', errorCode?: string) => new ApiError(404, message, errorCode === undefined ? {} : { errorCode });
export const conflict = (message: string, errorCode?: string) => new ApiError(409, message, errorCode === undefined ? {} : { errorCode });
