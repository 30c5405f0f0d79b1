import type { AddressInfo } from 'node:net';
import { simpleParser, type ParsedMail } from 'mailparser';
import { SMTPServer, type SMTPServerSession } from 'smtp-server';

/** A message the catcher accepted: mailparser's view of it, the raw source and the SMTP envelope. */
export interface CaughtMail extends ParsedMail {
  raw: string;
  envelope: { from: string; to: string[] };
}

export interface SmtpCatcher {
  /** smtp://127.0.0.1:PORT, for SMTP_URL. */
  url: string;
  /** Accepted messages in the order their DATA completed. */
  messages: CaughtMail[];
  /**
   * How long the catcher waits after a message's DATA arrived before answering 250 (0 by default):
   * a sender killed in that time never gets its 250, and its message is discarded, as a real SMTP
   * server discards a transaction whose client went away.
   */
  dataDelayMs: number;
  /** Messages whose DATA arrived, accepted or not yet (or never) answered: a slow one is in flight. */
  dataReceived: number;
  /** Answers the next `count` messages with a temporary failure (451), to exercise retries. */
  refuseNext(count: number): void;
  /** Resolves with the first message (already caught or still to come) that matches. */
  waitFor(predicate: (mail: CaughtMail) => boolean, timeoutMs?: number): Promise<CaughtMail>;
  clear(): void;
  close(): Promise<void>;
}

/** A real SMTP server (smtp-server) in the test process, on a free port, without auth or TLS. */
export async function startSmtpCatcher(options: { dataDelayMs?: number } = {}): Promise<SmtpCatcher> {
  const messages: CaughtMail[] = [];
  const closedSessions = new Set<string>();
  const waiters = new Set<() => void>();
  let refusals = 0;

  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    onClose(session: SMTPServerSession) {
      closedSessions.add(session.id);
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        catcher.dataReceived++;
        void (async () => {
          if (refusals > 0) {
            refusals--;
            callback(Object.assign(new Error('Try again later'), { responseCode: 451 }));
            return;
          }
          if (catcher.dataDelayMs > 0)
            await new Promise((resolve) => setTimeout(resolve, catcher.dataDelayMs));
          // The client went away before our 250: the transaction did not happen.
          if (closedSessions.has(session.id)) return callback(new Error('client gone'));
          const raw = Buffer.concat(chunks);
          const parsed = await simpleParser(raw);
          messages.push(
            Object.assign(parsed, {
              raw: raw.toString('utf8'),
              envelope: {
                from: session.envelope.mailFrom ? session.envelope.mailFrom.address : '',
                to: session.envelope.rcptTo.map((recipient) => recipient.address),
              },
            }),
          );
          for (const wake of waiters) wake();
          callback();
        })().catch((error: Error) => callback(error));
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;

  const catcher: SmtpCatcher = {
    url: `smtp://127.0.0.1:${port}`,
    messages,
    dataDelayMs: options.dataDelayMs ?? 0,
    dataReceived: 0,
    refuseNext(count) {
      refusals = count;
    },
    waitFor(predicate, timeoutMs = 15_000) {
      return new Promise<CaughtMail>((resolve, reject) => {
        const check = (): void => {
          const found = messages.find(predicate);
          if (!found) return;
          clearTimeout(timer);
          waiters.delete(check);
          resolve(found);
        };
        const timer = setTimeout(() => {
          waiters.delete(check);
          const seen = messages.map((mail) => `${mail.envelope.to.join(',')}: ${mail.subject ?? ''}`);
          reject(new Error(`no matching mail within ${timeoutMs} ms; caught: ${JSON.stringify(seen)}`));
        }, timeoutMs);
        waiters.add(check);
        check();
      });
    },
    clear() {
      messages.length = 0;
    },
    close() {
      return new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
  return catcher;
}

/**
 * A header as sent, unfolded, or undefined. mailparser turns some headers (List-Unsubscribe, ...)
 * into objects; this reads the raw line instead.
 */
export function headerValue(mail: CaughtMail, name: string): string | undefined {
  const line = mail.headerLines.find((header) => header.key === name.toLowerCase())?.line;
  return line
    ?.slice(line.indexOf(':') + 1)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
}
