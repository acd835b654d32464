import { CallHandler, ExecutionContext, Injectable, mixin, NestInterceptor, PayloadTooLargeException, type Type } from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Request } from 'express';
import type { Observable } from 'rxjs';
import { BusinessRuleError } from '../common/errors.js';
import { WebErrorCode } from './web-error-codes.js';

/** The largest file a page form takes (a round definition, a CSV of statements). */
export const MAX_UPLOAD_BYTES = 1024 * 1024;

type UploadRequest = Request & { uploadTooBig?: boolean };

/**
 * One uploaded file, as FileInterceptor reads it, except that a file over the limit does not end the
 * request on an error page: the handler runs and shows its own form again with the message.
 */
export function FileUpload(field: string): Type<NestInterceptor> {
  const Inner = FileInterceptor(field, { limits: { fileSize: MAX_UPLOAD_BYTES, files: 1 } });
  @Injectable()
  class FileUploadInterceptor implements NestInterceptor {
    private readonly inner = new Inner();
    async intercept(context: ExecutionContext, next: CallHandler): Promise<Observable<unknown>> {
      try {
        return await this.inner.intercept(context, next);
      } catch (error) {
        if (!(error instanceof PayloadTooLargeException)) throw error;
        context.switchToHttp().getRequest<UploadRequest>().uploadTooBig = true;
        return next.handle();
      }
    }
  }
  return mixin(FileUploadInterceptor);
}

/** Throws (for the form to show) when the file was over the limit. */
export function refuseOversizeUpload(req: Request, what: string): void {
  if ((req as UploadRequest).uploadTooBig) throw new BusinessRuleError(WebErrorCode.UploadTooLarge, `That file is too big: ${what} can be up to ${MAX_UPLOAD_BYTES / 1024 / 1024} MB. Choose a smaller file.`);
}
