import { applyDecorators } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiProperty, ApiPropertyOptional, ApiSecurity, ApiUnauthorizedResponse, type OpenAPIObject } from '@nestjs/swagger';

class FieldErrorDto {
  @ApiProperty({ example: 'criteria[0].weight' }) field: string;
  @ApiProperty({ example: ['must not be less than 0'] }) messages: string[];
}

/** The body of every error response (http-exception.filter.ts); further properties depend on the code. */
export class ErrorDto {
  @ApiProperty({ example: 422 }) statusCode: number;
  @ApiProperty({ example: 'scoring.mark_above_scale', description: 'Stable: one per kind of refusal, listed in the README ("Errors"); branch on this, not on the message' })
  code: string;
  @ApiProperty({ example: 'Unprocessable Entity' }) error: string;
  @ApiProperty({ example: 'The mark must be between 0 and 4', description: 'For the person who made the request; may be reworded' }) message: string;
  @ApiPropertyOptional({ example: '0b7c6f4e-2f0c-4a55-9c1e-0d6b0f1f2a3b' }) requestId?: string;
  @ApiPropertyOptional({ description: 'The input the refusal is about' }) field?: string;
  @ApiPropertyOptional({ type: [FieldErrorDto], description: 'request.invalid: each field and what is wrong with it' }) errors?: FieldErrorDto[];
}

const UNREADABLE = 'The request is not valid (`errors` names each field), or its body or query string cannot be read';

/** An API controller (or route) for signed-in callers: bearer token (or page cookie with CSRF token); 400 and 401 documented. */
export const ApiSignedIn = () => applyDecorators(
  ApiBearerAuth(),
  ApiBadRequestResponse({ type: ErrorDto, description: UNREADABLE }),
  ApiUnauthorizedResponse({ type: ErrorDto, description: 'Not signed in, or the sign-in has expired (auth.sign_in_required, auth.session_expired)' }),
);

/** A route anyone may call (sign-in, invitation, health): no security requirement; 400 documented. */
export const ApiPublic = () => applyDecorators(
  ApiSecurity({}),
  ApiBadRequestResponse({ type: ErrorDto, description: UNREADABLE }),
);

/** Every 4xx/5xx answer in the document has the error body, whichever decorator declared it. */
export function withErrorBodies(document: OpenAPIObject): OpenAPIObject {
  for (const methods of Object.values(document.paths)) {
    for (const operation of Object.values(methods as Record<string, { responses?: Record<string, { content?: unknown }> }>)) {
      for (const [status, response] of Object.entries(operation?.responses ?? {})) {
        if (/^[45]/.test(status) && !response.content) response.content = { 'application/json': { schema: { $ref: '#/components/schemas/ErrorDto' } } };
      }
    }
  }
  return document;
}
