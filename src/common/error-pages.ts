import type { ArgumentsHost } from '@nestjs/common';
import type { Request } from 'express';

/** Provided by the pages (web module): renders any failure as an HTML page. */
export const ERROR_PAGES = Symbol('ERROR_PAGES');

export interface ErrorPages {
  catch(exception: unknown, host: ArgumentsHost): void;
}

/** A browser asking for something outside the API (an unknown address, say) is answered with a page, not JSON. */
export function wantsPage(req: Request): boolean {
  return !/^\/api(\/|$)/.test(req.path) && req.accepts(['json', 'html']) === 'html';
}
