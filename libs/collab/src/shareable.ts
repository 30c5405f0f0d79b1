import {
  DrawableElementSchema,
  ROOM_LIMITS,
  describeElementIssue,
  type SceneElement,
} from '@mockboard/contracts';
import type { CollabErrorBody } from './collab-error';
import { utf8Bytes } from './utf8';

/**
 * Why the server would refuse this drawable element (its shape, or its size), in words for the
 * person who drew it; null when it may be sent. A refusal would drop the whole batch it came in.
 */
export function whyNotShareable(element: SceneElement): CollabErrorBody | null {
  const parsed = DrawableElementSchema.safeParse(element);
  if (!parsed.success) {
    const { field, message } = describeElementIssue(parsed.error);
    return {
      code: 'bad_request',
      message: `This ${element.type} cannot be shared (${field || 'element'}: ${message}): it was removed from your board`,
    };
  }
  const bytes = utf8Bytes(JSON.stringify(element));
  if (bytes > ROOM_LIMITS.maxElementBytes) {
    return {
      code: 'too_large',
      message:
        `This ${element.type} is too large to share (${bytes} bytes; the cap is ` +
        `${ROOM_LIMITS.maxElementBytes}): it was removed from your board`,
    };
  }
  return null;
}
