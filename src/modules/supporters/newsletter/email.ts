import { renderMarkdown, markdownToText } from '../../../platform/markdown.js';
import type { OutgoingMail } from '../../../platform/mail.js';
import type { SubscriptionLinks } from './subscriptions.js';
import type { IssueItem } from '../schema.js';

export interface IssueContent {
  slug: string;
  subject: string;
  intro_markdown: string;
  items: IssueItem[];
}

const escapeHtml = (value: string) =>
  value.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

/** The part of an issue that is the same for everyone, rendered once per issue rather than once per recipient. */
export interface RenderedIssue {
  subject: string;
  html: string;
  text: string;
}

export function renderIssue(issue: IssueContent, baseUrl: string): RenderedIssue {
  const webVersion = `${baseUrl}/newsletter/issues/${issue.slug}`;
  const itemsHtml = issue.items
    .map(
      (item) =>
        `<li style="margin-bottom:16px"><a href="${escapeHtml(baseUrl + item.path)}" style="color:#1d70b8;font-weight:bold">${escapeHtml(item.title)}</a><br>${escapeHtml(item.summary)}</li>`,
    )
    .join('');
  const html = [
    '<!DOCTYPE html><html lang="en-GB"><head><meta charset="utf-8">',
    `<title>${escapeHtml(issue.subject)}</title></head>`,
    '<body style="font-family:Arial,sans-serif;font-size:16px;line-height:1.5;color:#0b0c0c;max-width:640px;margin:0 auto;padding:16px">',
    `<p style="font-size:14px"><a href="${escapeHtml(webVersion)}" style="color:#1d70b8">Read this newsletter on the web</a></p>`,
    `<h1 style="font-size:24px">${escapeHtml(issue.subject)}</h1>`,
    renderMarkdown(issue.intro_markdown, 'content'),
    itemsHtml ? `<ul style="padding-left:20px">${itemsHtml}</ul>` : '',
    '<hr>',
    '<p style="font-size:14px">You get this email because you signed up to the Hearth newsletter. ',
    '<a href="\u0000preferences\u0000" style="color:#1d70b8">Change your preferences or unsubscribe</a>.</p>',
    '</body></html>',
  ].join('');
  const text = [
    issue.subject,
    '',
    `Read this newsletter on the web: ${webVersion}`,
    '',
    markdownToText(issue.intro_markdown),
    '',
    ...issue.items.flatMap((item) => [item.title, item.summary, baseUrl + item.path, '']),
    '---',
    'You get this email because you signed up to the Hearth newsletter.',
    'Change your preferences or unsubscribe: \u0000preferences\u0000',
  ].join('\n');
  return { subject: issue.subject, html, text };
}

/**
 * One recipient's copy: their own preferences link in the body, and one-click unsubscribe in the headers (RFC 2369
 * and RFC 8058), which mail programs show as an "Unsubscribe" button and which large mailbox providers require.
 */
export function personalise(rendered: RenderedIssue, to: string, links: SubscriptionLinks): OutgoingMail {
  return {
    to,
    subject: rendered.subject,
    text: rendered.text.replaceAll('\u0000preferences\u0000', links.preferences),
    html: rendered.html.replaceAll('\u0000preferences\u0000', escapeHtml(links.preferences)),
    headers: {
      'List-Unsubscribe': `<${links.oneClick}>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    },
  };
}
