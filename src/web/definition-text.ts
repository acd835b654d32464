import { WebErrorCode } from './web-error-codes.js';
import { parse, printParseErrorCode, type ParseError } from 'jsonc-parser';
import { BusinessRuleError } from '../common/errors.js';

/**
 * A definition (or criteria) as typed or uploaded: JSON, where // and /* *\/ notes (as in the downloadable
 * template) are allowed. A mistake is named by its line and column.
 */
export function parseDefinitionText(text: string, what = 'definition'): unknown {
  const errors: ParseError[] = [];
  const value = parse(text, errors, { allowTrailingComma: false, disallowComments: false });
  if (errors.length > 0) {
    const first = errors[0];
    const before = text.slice(0, first.offset).split('\n');
    throw new BusinessRuleError(WebErrorCode.DefinitionNotJson, `The ${what} is not valid JSON at line ${before.length}, column ${before[before.length - 1].length + 1}: ${words(printParseErrorCode(first.error))}`);
  }
  return value;
}

function words(code: string): string {
  return code.replace(/([a-z])([A-Z])/g, '$1 $2').toLowerCase();
}
