import type { NextFunction, Request, Response } from 'express';
import { MAX_JSON_DEPTH, nestedDeeperThan } from './json-depth';

/** The body parser's own error shape, so asBodyParserError answers it like any unreadable body. */
export const TOO_DEEP_BODY = 'entity.too.deep';

/**
 * Runs right after the JSON body parser: a body nesting deeper than MAX_JSON_DEPTH fails here with
 * a 400 instead of overflowing the stack later in validation, logging or the database.
 */
export function rejectDeeplyNestedBodies(request: Request, _response: Response, next: NextFunction): void {
  const body: unknown = request.body;
  if (body === null || typeof body !== 'object' || !nestedDeeperThan(body, MAX_JSON_DEPTH)) return next();
  next(Object.assign(new Error('request body nested too deep'), { status: 400, type: TOO_DEEP_BODY }));
}
