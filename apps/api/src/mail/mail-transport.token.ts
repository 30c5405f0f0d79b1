/** Injection token of the MailTransport: SMTP when SMTP_URL is set, else the dev mailbox. */
export const MAIL_TRANSPORT = Symbol('MAIL_TRANSPORT');
