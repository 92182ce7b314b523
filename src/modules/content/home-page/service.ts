import type { Actor, AuditLog } from '../../../platform/audit.js';
import type { Db } from '../../../platform/db/database.js';
import type { HomeBlock, ModuleSection } from '../../../platform/modules.js';
import type { Reading } from '../reading/service.js';
import type { ContentType } from '../types.js';

interface ContentSection {
  key: string;
  heading: string;
  text: string;
  href: string;
  linkText: string;
  types: ContentType[];
  count: number;
}

/** The front page's content sections, each filled with the newest items of its kinds. Empty ones are left out. */
export const CONTENT_SECTIONS: readonly ContentSection[] = [
  {
    key: 'content:advice',
    heading: 'Get advice',
    text: 'Advice sheets on each subject, written in plain English and checked regularly.',
    href: '/advice',
    linkText: 'All advice',
    types: ['advice-sheet', 'guide'],
    count: 4,
  },
  {
    key: 'content:faqs',
    heading: 'Questions families ask',
    text: 'Short answers to the questions we hear most often.',
    href: '/faqs',
    linkText: 'All questions and answers',
    types: ['faq'],
    count: 3,
  },
  {
    key: 'content:blogs',
    heading: 'Blogs and vlogs',
    text: 'Parents and kinship carers write about what happened to them and what helped.',
    href: '/blog',
    linkText: 'All blogs and vlogs',
    types: ['blog-post', 'vlog'],
    count: 3,
  },
  {
    key: 'content:policy',
    heading: 'Policy and campaigns',
    text: 'What we are asking government and councils to change.',
    href: '/policy',
    linkText: 'All policy and campaigns',
    types: ['policy'],
    count: 3,
  },
  {
    key: 'content:news',
    heading: 'Latest news',
    text: 'News from Hearth and press releases.',
    href: '/news',
    linkText: 'All news',
    types: ['news', 'press-release'],
    count: 3,
  },
  {
    key: 'content:films',
    heading: 'Films',
    text: 'Short films with full transcripts.',
    href: '/films',
    linkText: 'All films',
    types: ['film'],
    count: 3,
  },
];

/** The charity's site today: advice first (pages, advice line, boards, FAQs), then stories, campaigns, news, films, support. */
const DEFAULT_ORDER = [
  'content:advice',
  'advice-flows',
  'helpline',
  'boards',
  'content:faqs',
  'content:blogs',
  'content:policy',
  'content:news',
  'content:films',
  'supporters',
];

export interface SectionSetting {
  key: string;
  heading: string;
  position: number;
  visible: boolean;
}

/** Editors choose the order of the front page's sections and hide any of them. Modules that are off never appear. */
export function createHomeSections(db: Db, audit: AuditLog, reading: Reading) {
  async function settings(moduleSections: readonly ModuleSection[]): Promise<SectionSetting[]> {
    const available = [
      ...CONTENT_SECTIONS.map((s) => ({ key: s.key, heading: s.heading })),
      ...moduleSections.map((m) => ({ key: m.key, heading: m.section.heading })),
    ];
    const saved = new Map((await db.selectFrom('content_home_sections').selectAll().execute()).map((r) => [r.key, r]));
    const defaultPosition = (key: string) => {
      const index = DEFAULT_ORDER.indexOf(key);
      return index >= 0 ? (index + 1) * 10 : 1000;
    };
    return available
      .map((a) => ({ ...a, position: saved.get(a.key)?.position ?? defaultPosition(a.key), visible: saved.get(a.key)?.visible ?? true }))
      .sort((x, y) => x.position - y.position || x.key.localeCompare(y.key));
  }

  async function compose(moduleSections: readonly ModuleSection[]): Promise<HomeBlock[]> {
    const blocks: HomeBlock[] = [];
    for (const setting of await settings(moduleSections)) {
      if (!setting.visible) continue;
      const fromModule = moduleSections.find((m) => m.key === setting.key);
      if (fromModule) {
        blocks.push({ key: fromModule.key, ...fromModule.section });
        continue;
      }
      const section = CONTENT_SECTIONS.find((s) => s.key === setting.key);
      if (!section) continue;
      const items = await reading.recent({ types: section.types }, section.count);
      if (items.length === 0) continue;
      const { types: _types, count: _count, ...shown } = section;
      blocks.push({ ...shown, items: items.map((i) => ({ title: i.title, href: i.path, summary: i.summary })) });
    }
    return blocks;
  }

  async function save(actor: Actor, changes: readonly { key: string; position: number; visible: boolean }[]) {
    await db.transaction().execute(async (trx) => {
      for (const change of changes) {
        await trx
          .insertInto('content_home_sections')
          .values(change)
          .onConflict((oc) => oc.column('key').doUpdateSet({ position: change.position, visible: change.visible }))
          .execute();
      }
      await audit.record({ actor, action: 'content.home-arranged', details: { sections: changes } }, trx);
    });
  }

  return { settings, compose, save };
}

export type HomeSections = ReturnType<typeof createHomeSections>;
