import { join } from 'node:path';
import { Injectable } from '@nestjs/common';
import { Eta } from 'eta';
import type { Request, Response } from 'express';
import type { User } from '../users/user.entity.js';
import { CSRF_FIELD, Csrf } from './csrf.js';
import { helpers } from './labels.js';

export const WEB_DIR = import.meta.dirname;
export const VIEWS_DIR = join(WEB_DIR, 'views');
export const ASSETS_DIR = join(WEB_DIR, 'assets');

export interface PageData {
  title: string;
  [key: string]: unknown;
}

/** A form error to show at the top of the page and next to the fields. */
export interface FormError {
  /** The error's code (README, "Errors"): templates branch on it, never on the status. */
  code?: string;
  message: string;
  /** Further lines: reasons, problems, missing items. */
  list?: string[];
  /** Messages by field name. */
  fields?: Record<string, string>;
}

/** Renders the Eta templates in views/ (auto-escaped) with the layout's shared data. */
@Injectable()
export class Views {
  private readonly eta = new Eta({ views: VIEWS_DIR, cache: true, autoEscape: true, autoTrim: [false, 'nl'] });

  constructor(private readonly csrf: Csrf) {}

  render(req: Request, res: Response, template: string, data: PageData): string {
    const user = (req as Request & { user?: User }).user ?? null;
    return this.eta.render(template, {
      ...data,
      user,
      csrfToken: this.csrf.token(req, res),
      csrfField: CSRF_FIELD,
      h: helpers,
    });
  }

  send(req: Request, res: Response, template: string, data: PageData, status = 200): void {
    const html = this.render(req, res, template, data);
    res.status(status).type('html').setHeader('Cache-Control', 'no-store').send(html);
  }
}
