import { BadRequestException, ValidationError, ValidationPipe } from '@nestjs/common';

export interface FieldError {
  field: string;
  messages: string[];
}

/** Flattens nested class-validator errors into `criteria[0].weight: must not be less than 0`. */
export function fieldErrors(errors: ValidationError[], parent = ''): FieldError[] {
  return errors.flatMap((error) => {
    const field = parent ? (/^\d+$/.test(error.property) ? `${parent}[${error.property}]` : `${parent}.${error.property}`) : error.property;
    const own = error.constraints ? [{ field, messages: Object.values(error.constraints).map((m) => plainWords(m, field)) }] : [];
    return [...own, ...fieldErrors(error.children ?? [], field)];
  });
}

/**
 * class-validator's default messages, said in plain words (custom messages pass through unchanged). Each
 * message still starts with the field's name, so it reads on its own in a list or beside the field.
 */
const PLAIN: [RegExp, (m: RegExpMatchArray) => string][] = [
  [/^property (\S+) should not exist$/, (m) => `${m[1]} is not something this form accepts: leave it out`],
  [/^an unknown value was passed to the validate function$/, () => 'the request must be a JSON object with named fields'],
  [/^(.+) must be longer than or equal to (\d+) characters$/, (m) => `${m[1]} must be at least ${m[2]} ${m[2] === '1' ? 'character' : 'characters'} long`],
  [/^(.+) must be shorter than or equal to (\d+) characters$/, (m) => `${m[1]} is too long: it can be at most ${m[2]} characters`],
  [/^(.+) must be an integer number$/, (m) => `${m[1]} must be a whole number, such as 3`],
  [/^(.+) must be a number conforming to the specified constraints$/, (m) => `${m[1]} must be a number`],
  [/^(.+) must be a number string$/, (m) => `${m[1]} must be a number`],
  [/^(.+) must not be less than (-?[\d.]+)$/, (m) => `${m[1]} must be ${m[2]} or more`],
  [/^(.+) must not be greater than (-?[\d.]+)$/, (m) => `${m[1]} must be ${m[2]} or less`],
  [/^(.+) must be a string$/, (m) => `${m[1]} must be text`],
  [/^(.+) should not be empty$/, (m) => `${m[1]} must be filled in`],
  [/^(.+) must be an email$/, (m) => `${m[1]} must be an email address, such as name@example.org`],
  [/^(.+) must be a UUID$/, (m) => `${m[1]} must be an id as given by this service (such as 3f2b8c1e-6a7d-4e0b-9c35-1d2e4f5a6b7c)`],
  [/^(.+) must be an array$/, (m) => `${m[1]} must be a list`],
  [/^(.+) must be an object$/, (m) => `${m[1]} must be a group of named fields (a JSON object)`],
  [/^nested property (.+) must be either object or array$/, (m) => `${m[1]} must be a group of named fields (a JSON object)`],
  [/^(.+) must be a boolean value$/, (m) => `${m[1]} must be true or false`],
  [/^(.+) must be a valid ISO 8601 date string$/, (m) => `${m[1]} must be a date, such as 2027-03-01, or a date and time, such as 2027-03-01T12:00:00Z`],
  [/^(.+) must contain at least (\d+) elements?$/, (m) => `${m[1]} must have at least ${m[2]} ${m[2] === '1' ? 'item' : 'items'}`],
  [/^(.+) must contain no more than (\d+) elements?$/, (m) => `${m[1]} can have at most ${m[2]} items`],
  [/^All (.+)'s elements must be unique$/, (m) => `${m[1]} must not list the same thing twice`],
  [/^(.+) must be one of the following values: (.+)$/, (m) => `${m[1]} must be one of: ${m[2]}`],
  [/^(.+) must match .+ regular expression$/, (m) => `${m[1]} is not written in the expected form`],
];

export function plainWords(message: string, field = ''): string {
  for (const [pattern, say] of PLAIN) {
    const match = message.match(pattern);
    if (!match) continue;
    const text = say(match);
    // A list item at the top of the body has no name of its own ("property 0"): say where it is.
    return /^\d+ is not something/.test(text) && /^\d+$/.test(field) ? 'the request must be a JSON object with named fields, not a list' : text;
  }
  return message;
}

export class RequestValidationError extends BadRequestException {
  constructor(readonly errors: FieldError[]) {
    super('The request is not valid');
  }
}

export function createValidationPipe(): ValidationPipe {
  return new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    forbidUnknownValues: true,
    exceptionFactory: (errors) => new RequestValidationError(fieldErrors(errors)),
  });
}
