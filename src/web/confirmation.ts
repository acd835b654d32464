import type { Request, Response } from 'express';
import { formFields } from './forms.js';
import type { Views } from './views.js';

/** The field a confirmed form carries; a weighty form posted without it is shown back as a question first. */
export const CONFIRMED_FIELD = 'confirmed';

export interface Confirmation {
  /** "Cancel the round?" */
  heading: string;
  /** What will happen, in a sentence or two. */
  consequence: string;
  /** The button that goes ahead: "Yes, cancel the round". */
  yes: string;
  /** Where "No, go back" leads. */
  back: string;
  /** A reason the person typed, shown back to them. */
  reason?: string | null;
  danger?: boolean;
}

/** Whether this post still needs its confirmation step (the page form posts once, the confirmation page again). */
export function needsConfirmation(req: Request): boolean {
  return (req.body as Record<string, unknown> | undefined)?.[CONFIRMED_FIELD] !== 'yes';
}

/** The "are you sure?" step: the same form, with every posted field kept, posted again with confirmed=yes. */
export function askToConfirm(views: Views, req: Request, res: Response, confirmation: Confirmation): void {
  const fields = Object.entries(formFields(req)).filter(([name]) => name !== CONFIRMED_FIELD);
  views.send(req, res, 'confirm', { title: confirmation.heading, narrow: true, action: req.originalUrl, fields, confirmedField: CONFIRMED_FIELD, ...confirmation });
}
