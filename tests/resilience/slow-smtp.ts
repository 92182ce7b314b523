import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';

export interface ReceivedMail {
  to: string[];
  messageId: string | undefined;
  raw: string;
}

/**
 * A real SMTP server on loopback that, while held, does not greet those who connect: a mail server slow to answer,
 * which is where a real worker spends most of a mail job. `connections` counts who has connected, so that a test
 * knows a worker is in the middle of a job. With `holdAfter`, it greets at once and takes that many messages, then
 * holds the next ones at their recipient (before taking them) until released.
 */
export async function startSlowSmtp(options: { holdAfter?: number } = {}) {
  const received: ReceivedMail[] = [];
  let held = true;
  const waiting: (() => void)[] = [];
  let connections = 0;
  let recipients = 0;
  const server = new SMTPServer({
    authOptional: true,
    disabledCommands: ['STARTTLS', 'AUTH'],
    logger: false,
    // A connection left behind by a killed worker must not hold up the test's end.
    closeTimeout: 1000,
    onConnect(_session, callback) {
      connections += 1;
      if (held && options.holdAfter === undefined) waiting.push(() => callback());
      else callback();
    },
    onRcptTo(_address, _session, callback) {
      recipients += 1;
      if (held && options.holdAfter !== undefined && recipients > options.holdAfter) waiting.push(() => callback());
      else callback();
    },
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (chunk: Buffer) => chunks.push(chunk));
      stream.on('end', () => {
        const raw = Buffer.concat(chunks).toString('utf8');
        received.push({
          to: session.envelope.rcptTo.map((r) => r.address),
          messageId: /^Message-ID:\s*(.+)$/im.exec(raw)?.[1]?.trim(),
          raw,
        });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.server.address() as AddressInfo).port;
  return {
    url: `smtp://127.0.0.1:${port}`,
    received,
    connections: () => connections,
    /** Greets everyone waiting, and everyone from now on. */
    release() {
      held = false;
      for (const greet of waiting.splice(0)) greet();
    },
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
