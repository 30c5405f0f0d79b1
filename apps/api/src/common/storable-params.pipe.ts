import type { ArgumentMetadata, PipeTransform } from '@nestjs/common';
import { unstorableText } from './unstorable-text';
import { RequestValidationError } from './zod-validation.pipe';

/**
 * A global pipe for path parameters and query values: text PostgreSQL cannot compare or store
 * (a NUL from `%00`, half a surrogate pair) is a 400 naming the parameter, before any route
 * passes it to a query and gets a driver error back. Bodies are checked by ValidBody.
 */
export class StorableParamsPipe implements PipeTransform<unknown, unknown> {
  transform(value: unknown, metadata: ArgumentMetadata): unknown {
    if (metadata.type !== 'param' && metadata.type !== 'query') return value;
    const unstorable = typeof value === 'string' || typeof value === 'object' ? unstorableText(value) : null;
    if (!unstorable) return value;
    const where = metadata.type === 'param' ? 'params' : 'query';
    throw new RequestValidationError(where, [{ field: metadata.data ?? '(request)', message: unstorable }]);
  }
}
