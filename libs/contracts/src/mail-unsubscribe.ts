import { z } from 'zod';
import { OptionalMailKindSchema } from './mail';

/**
 * `?token=` of the unsubscribe link in each optional mail (PUBLIC_URL/unsubscribe for the page,
 * /api/mail/unsubscribe for RFC 8058 one-click). The token is the credential: no sign-in needed.
 */
export const UnsubscribeQuerySchema = z.object({
  token: z
    .string({ error: 'The unsubscribe link has no token; open the link from the email again' })
    .min(1, 'The unsubscribe link has no token; open the link from the email again')
    .max(200, 'This unsubscribe link is not valid; open the link from the email again'),
});
export type UnsubscribeQuery = z.infer<typeof UnsubscribeQuerySchema>;

/** What the unsubscribe page shows (GET), and the state after POST unsubscribe / resubscribe. */
export const UnsubscribeInfoSchema = z.object({
  kind: OptionalMailKindSchema,
  /** MAIL_KIND_LABELS[kind]. */
  label: z.string(),
  /** The address, masked (a***@example.com): the link may have been forwarded. */
  email: z.string(),
  /** Whether this kind is still sent to this user. */
  subscribed: z.boolean(),
});
export type UnsubscribeInfo = z.infer<typeof UnsubscribeInfoSchema>;
