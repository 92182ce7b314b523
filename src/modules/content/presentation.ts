import { renderMarkdown } from '../../platform/markdown.js';
import { subjectName } from '../../platform/subjects.js';
import type { Published } from './reading/service.js';
import { AUTHOR_KIND_LABELS, CONTENT_TYPES, type AuthorKind, type ContentType } from './types.js';
import { slugFrom } from './validation.js';

/** Canonical address, Open Graph and JSON-LD for a page, so that links shared elsewhere show the right title and summary. */
export interface PageMeta {
  canonical: string;
  title: string;
  description: string;
  ogType: 'article' | 'website';
  jsonLd: string | null;
}

/** JSON inside a <script> element: "<" is escaped so that no text can close the element. */
export function scriptJson(value: unknown): string {
  return JSON.stringify(value).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');
}

export function itemMeta(baseUrl: string, item: Published): PageMeta {
  const canonical = `${baseUrl}${item.path.split('#')[0]}`;
  const schemaType =
    item.type === 'news' || item.type === 'press-release'
      ? 'NewsArticle'
      : item.type === 'blog-post' || item.type === 'vlog'
        ? 'BlogPosting'
        : item.type === 'film'
          ? 'VideoObject'
          : 'Article';
  const jsonLd: Record<string, unknown> = {
    '@context': 'https://schema.org',
    '@type': schemaType,
    headline: item.title,
    name: item.title,
    description: item.summary,
    url: canonical,
    datePublished: item.publishedAt.toISOString(),
    dateModified: item.updatedAt.toISOString(),
    inLanguage: 'en-GB',
    publisher: { '@type': 'Organization', name: 'Hearth' },
  };
  if (item.fields.authorName) jsonLd.author = { '@type': 'Person', name: item.fields.authorName };
  if (schemaType === 'VideoObject') {
    jsonLd.uploadDate = item.publishedAt.toISOString();
    jsonLd.contentUrl = item.fields.videoUrl;
    jsonLd.transcript = item.fields.transcript;
  }
  return { canonical, title: item.title, description: item.summary, ogType: 'article', jsonLd: scriptJson(jsonLd) };
}

export function listMeta(baseUrl: string, path: string, title: string, description: string): PageMeta {
  return { canonical: `${baseUrl}${path}`, title, description, ogType: 'website', jsonLd: null };
}

/** Links that share a page without loading anything from the sites they point to until someone clicks. */
export function shareLinks(canonical: string, title: string) {
  const url = encodeURIComponent(canonical);
  const text = encodeURIComponent(title);
  return [
    { text: 'Email', href: `mailto:?subject=${text}&body=${url}` },
    { text: 'Bluesky', href: `https://bsky.app/intent/compose?text=${text}%20${url}` },
    { text: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?u=${url}` },
    { text: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?url=${url}` },
    { text: 'WhatsApp', href: `https://wa.me/?text=${text}%20${url}` },
  ];
}

export interface GuidePart {
  slug: string;
  heading: string;
  html: string;
}

/**
 * A guide is one item whose second-level headings divide it into pages, so editors write it in one place and readers
 * get a contents list with previous and next links. Text before the first heading is the overview.
 */
export function guideParts(body: string): GuidePart[] {
  const parts: { heading: string; lines: string[] }[] = [{ heading: 'Overview', lines: [] }];
  for (const line of body.split('\n')) {
    const heading = /^##\s+(.+?)\s*#*\s*$/.exec(line);
    if (heading) parts.push({ heading: heading[1]!, lines: [] });
    else parts[parts.length - 1]!.lines.push(line);
  }
  const used = new Set<string>();
  return parts
    .filter((part, index) => index > 0 || part.lines.join('').trim() !== '')
    .map((part) => {
      let slug = slugFrom(part.heading) || 'part';
      while (used.has(slug)) slug = `${slug}-more`;
      used.add(slug);
      return { slug, heading: part.heading, html: renderMarkdown(part.lines.join('\n'), 'content') };
    });
}

/** The small facts shown under a title and in lists. */
export function describe(item: Published) {
  return {
    typeLabel: CONTENT_TYPES[item.type].label,
    subjectName: item.subject ? (subjectName(item.subject) ?? null) : null,
    authorKindLabel: item.fields.authorKind ? AUTHOR_KIND_LABELS[item.fields.authorKind as AuthorKind] : null,
  };
}

export function typeLabel(type: ContentType): string {
  return CONTENT_TYPES[type].label;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '';
  if (bytes < 1024) return `${bytes} bytes`;
  if (bytes < 1024 * 1024) return `${Math.round(bytes / 1024)} KB`;
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`;
}

/** A video's host, named on the button so visitors know which site they will be contacting. */
export function videoHost(url: string): string {
  try {
    return new URL(url).hostname.replace(/^www\./, '');
  } catch {
    return 'another site';
  }
}
