import MarkdownIt from 'markdown-it';
import sanitizeHtml from 'sanitize-html';

/**
 * The one way Hearth turns what people write into HTML: markdown-it renders, then an allowlist sanitiser cleans.
 * Raw HTML in the source is escaped by markdown-it (html: false), and the sanitiser is a second wall in case a
 * renderer bug or plugin ever lets markup through. Content (editors) and boards (members) share it, with different
 * profiles: members get a small subset, and new members get no links at all.
 */
export type MarkdownProfile = 'content' | 'post' | 'post-without-links';

const BLOCK_TAGS = ['p', 'br', 'ul', 'ol', 'li', 'blockquote', 'strong', 'em', 'code', 'pre'];
const CONTENT_TAGS = [...BLOCK_TAGS, 'h2', 'h3', 'h4', 'a', 'hr', 'table', 'thead', 'tbody', 'tr', 'th', 'td', 'img'];
const POST_TAGS = [...BLOCK_TAGS, 'a'];

const renderers: Record<MarkdownProfile, InstanceType<typeof MarkdownIt>> = {
  content: new MarkdownIt({ html: false, linkify: true, typographer: true }),
  post: new MarkdownIt({ html: false, linkify: true, typographer: true }).disable(['image', 'table', 'heading', 'lheading', 'hr']),
  'post-without-links': new MarkdownIt({ html: false, linkify: false, typographer: true }).disable([
    'image',
    'table',
    'heading',
    'lheading',
    'hr',
    'link',
    'autolink',
  ]),
};

const govukClasses: Record<string, string> = {
  p: 'govuk-body',
  h2: 'govuk-heading-l',
  h3: 'govuk-heading-m',
  h4: 'govuk-heading-s',
  ul: 'govuk-list govuk-list--bullet',
  ol: 'govuk-list govuk-list--number',
  a: 'govuk-link',
  table: 'govuk-table',
  tr: 'govuk-table__row',
  th: 'govuk-table__header',
  td: 'govuk-table__cell',
  hr: 'govuk-section-break govuk-section-break--l govuk-section-break--visible',
  blockquote: 'hearth-quote',
  img: 'hearth-image',
};

function sanitiserOptions(profile: MarkdownProfile): sanitizeHtml.IOptions {
  const tags = profile === 'content' ? CONTENT_TAGS : profile === 'post' ? POST_TAGS : BLOCK_TAGS;
  return {
    allowedTags: tags,
    allowedAttributes: { a: ['href', 'class', 'rel'], img: ['src', 'alt', 'class'], '*': ['class'] },
    // Only web links, mail links and links within the site: no javascript:, data: or vbscript: anywhere.
    allowedSchemes: ['https', 'http', 'mailto'],
    allowedSchemesByTag: { img: ['https'] },
    allowProtocolRelative: false,
    // Classes come only from the transform below, never from the author.
    allowedClasses: {},
    disallowedTagsMode: 'escape',
    transformTags: Object.fromEntries(
      tags.map((tag) => [
        tag,
        (tagName: string, attribs: Record<string, string>) => {
          const result: Record<string, string> = {};
          if (tagName === 'a' && attribs.href) {
            result.href = attribs.href;
            // Links written by members must not pass ranking to, or open a window for, another site.
            if (profile !== 'content' || /^https?:/i.test(attribs.href)) result.rel = 'nofollow noopener noreferrer';
          }
          if (tagName === 'img') {
            if (attribs.src) result.src = attribs.src;
            result.alt = attribs.alt ?? '';
          }
          const govukClass = govukClasses[tagName];
          if (govukClass) result.class = govukClass;
          return { tagName, attribs: result };
        },
      ]),
    ),
  };
}

const options: Record<MarkdownProfile, sanitizeHtml.IOptions> = {
  content: sanitiserOptions('content'),
  post: sanitiserOptions('post'),
  'post-without-links': sanitiserOptions('post-without-links'),
};

/** Safe HTML for a page. Markdown that tries to smuggle markup comes out as inert text. */
export function renderMarkdown(source: string, profile: MarkdownProfile = 'content'): string {
  // NUL and other C0 controls (but tab and newline) have no place in prose and confuse some parsers.
  // eslint-disable-next-line no-control-regex -- matching control characters is the point
  const clean = source.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '');
  return sanitizeHtml(renderers[profile].render(clean), options[profile]);
}

/** Plain text of some Markdown, for search, summaries, feeds and emails. */
export function markdownToText(source: string): string {
  const html = renderMarkdown(source, 'content');
  return sanitizeHtml(html.replace(/<\/(p|li|h[2-4]|blockquote|tr|pre)>/g, '$&\n'), { allowedTags: [], allowedAttributes: {} })
    .replace(/&amp;/g, '&')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&#39;/g, "'")
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

/** Whether some Markdown contains a link, for boards, where new members may not post links. */
export function containsLink(source: string): boolean {
  return /<a\s/i.test(renderers.content.render(source)) || /\bwww\.[a-z0-9-]+\.[a-z]/i.test(source);
}
