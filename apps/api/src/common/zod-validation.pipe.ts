import type { PipeTransform } from '@nestjs/common';
import type { z } from 'zod';
import type { FieldError } from '@mockboard/contracts';
import { DomainError } from './domain-error';
import { unstorableText } from './unstorable-text';

/** An `invalid` request whose body lists each offending field by name (the filter renders `fields`). */
export class RequestValidationError extends DomainError {
  constructor(
    readonly where: 'body' | 'query' | 'params',
    readonly fields: FieldError[],
  ) {
    const summary = fields.map((field) => `${field.field} ${field.message}`).join('; ');
    super('invalid', `Invalid request ${where}: ${summary}`, { fields });
  }
}

/** Validates (and parses) a request part with a schema from libs/contracts. */
export class ZodValidationPipe<T extends z.ZodType> implements PipeTransform<unknown, z.infer<T>> {
  constructor(
    private readonly schema: T,
    private readonly where: 'body' | 'query' | 'params',
  ) {}

  transform(value: unknown): z.infer<T> {
    const input = this.where === 'body' && value === undefined ? {} : value;
    const unstorable = unstorableText(input);
    if (unstorable)
      throw new RequestValidationError(this.where, [{ field: '(request)', message: unstorable }]);
    const parsed = this.schema.safeParse(input);
    if (parsed.success) return parsed.data;
    throw new RequestValidationError(this.where, toFieldErrors(parsed.error.issues));
  }
}

function toFieldErrors(issues: readonly z.core.$ZodIssue[]): FieldError[] {
  return issues.flatMap((issue) => {
    const path = issue.path.map(String).join('.');
    if (issue.code === 'unrecognized_keys') {
      return issue.keys.map((key) => ({
        field: path ? `${path}.${key}` : key,
        message: 'is not an accepted field',
      }));
    }
    return [{ field: path || '(request)', message: issue.message }];
  });
}
