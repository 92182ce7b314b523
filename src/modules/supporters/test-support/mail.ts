import type { ReceivedMail } from '../../../../tests/support/smtp.js';

/** A received message's headers, unfolded (RFC 5322), by lower-case name. */
export function headersOf(mail: ReceivedMail): Record<string, string> {
  const head = mail.raw.split(/\r\n\r\n/)[0]!.replace(/\r\n[ \t]+/g, ' ');
  const headers: Record<string, string> = {};
  for (const line of head.split('\r\n')) {
    const at = line.indexOf(':');
    if (at > 0) headers[line.slice(0, at).toLowerCase()] = line.slice(at + 1).trim();
  }
  return headers;
}

/** The message as readable text: quoted-printable soft breaks and escapes undone, so links can be found in it. */
export function bodyOf(mail: ReceivedMail): string {
  return mail.raw
    .replace(/=\r\n/g, '')
    .replace(/=([0-9A-F]{2})/g, (_m, hex: string) => String.fromCharCode(parseInt(hex, 16)))
    .replace(/&amp;/g, '&');
}

/** The first link in a message to a path, as path and query. */
export function linkTo(mail: ReceivedMail, path: string): string {
  const match = new RegExp(`https?://[^\\s"<>]+${path.replace(/[/?]/g, (c) => `\\${c}`)}[^\\s"<>]*`).exec(bodyOf(mail));
  if (!match) throw new Error(`No link to ${path} in:\n${bodyOf(mail)}`);
  const url = new URL(match[0]);
  return url.pathname + url.search;
}

/** Waits for a message to arrive at the sink for an address, with a subject that matches. */
export async function waitForMail(received: ReceivedMail[], to: string, subject: RegExp, timeoutMs = 5000): Promise<ReceivedMail> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const found = received.find((m) => m.to.includes(to) && subject.test(headersOf(m).subject ?? ''));
    if (found) return found;
    if (Date.now() > deadline)
      throw new Error(
        `No mail to ${to} matching ${subject}; got: ${received.map((m) => `${m.to.join(',')}: ${headersOf(m).subject}`).join('; ')}`,
      );
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}
