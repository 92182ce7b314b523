import { randomBytes } from 'node:crypto';
import { hashPassword } from '../../platform/auth/passwords.js';
import type { Db } from '../../platform/db/database.js';
import type { Services } from '../../platform/services.js';
import { htmlFor } from './posting/service.js';
import type { BoardRules } from './schema.js';

const OPEN: BoardRules = { read: ['visitor'], reply: ['member', 'adviser'], start: ['member', 'adviser'] };
const APPROVED_ONLY: BoardRules = { read: ['approved'], reply: ['approved'], start: ['approved'] };

export const DEMO_BOARDS = [
  {
    slug: 'parents',
    title: 'Parents',
    description: 'For mums and dads whose family is involved with children’s services. Talk to people who have been there.',
    rules: OPEN,
  },
  {
    slug: 'family-and-friends-carers',
    title: 'Family and friends carers',
    description: 'For grandparents, aunts, uncles, older brothers and sisters and friends bringing up a child who cannot live at home.',
    rules: OPEN,
  },
  {
    slug: 'family-group-conferences',
    title: 'Family group conference network',
    description: 'Share what helped before, during and after a family group conference, and ask about how they work.',
    rules: OPEN,
  },
  {
    slug: 'parents-and-carers-alliance',
    title: 'Parents’ and carers’ alliance',
    description: 'Campaign together for fairer child protection: consultations, letters to MPs and events.',
    rules: OPEN,
  },
  {
    slug: 'research-and-practice',
    title: 'Research and practice',
    description: 'For approved professionals and researchers: discuss practice, research and what families tell us.',
    rules: APPROVED_ONLY,
    restricted: true,
  },
] as const;

/** Plainly made-up people for the demo conversations. They have no password anyone knows and cannot sign in. */
const DEMO_POSTERS = [
  { email: 'boards-demo-robin@example.org', pseudonym: 'Robin Example' },
  { email: 'boards-demo-kit@example.org', pseudonym: 'KitAndTheKids' },
  { email: 'boards-demo-nan@example.org', pseudonym: 'Nan of Three' },
];

type DemoThread = { board: string; title: string; posts: { by: string; body: string }[] };

const DEMO_THREADS: DemoThread[] = [
  {
    board: 'parents',
    title: 'First child protection conference next week: what should I expect?',
    posts: [
      {
        by: 'Robin Example',
        body: 'I have my first conference next Thursday and I have not slept properly since the letter came. Is it a room full of people? Will I get to speak?',
      },
      {
        by: 'KitAndTheKids',
        body: 'It is a lot of people round a table, but you **can** speak, and you can bring someone with you. Write down what you want to say beforehand. It helped me to have it on paper when I got upset.',
      },
      {
        by: 'Demo Adviser',
        body: 'You should get the social worker’s report before the meeting. If it has not arrived a couple of days before, ask for it. You can also call the advice line and we can go through it with you.\n\nThis is general information, not legal advice.',
      },
    ],
  },
  {
    board: 'parents',
    title: 'Small wins thread',
    posts: [
      {
        by: 'KitAndTheKids',
        body: 'Share something good from this week, however small. Mine: contact went well on Saturday and my daughter did not want it to end.',
      },
      { by: 'Robin Example', body: 'The family support worker said my home was “warm and welcoming”. I nearly cried in a good way.' },
    ],
  },
  {
    board: 'family-and-friends-carers',
    title: 'Grandparents raising grandchildren: how do you manage the tiredness?',
    posts: [
      {
        by: 'Nan of Three',
        body: 'I am 64 and have the three little ones full time now. I love them to bits but by 8pm I am done in. How do others cope?',
      },
      {
        by: 'Robin Example',
        body: 'Ask whether you can get any respite or a support group locally. Our kinship carers group meets once a month and it is a lifeline.',
      },
    ],
  },
  {
    board: 'family-group-conferences',
    title: 'What happens at private family time?',
    posts: [
      {
        by: 'Nan of Three',
        body: 'We have an FGC booked. The coordinator mentioned “private family time”. Do the professionals really leave the room?',
      },
      {
        by: 'KitAndTheKids',
        body: 'Yes, they do. It is just the family, and you make the plan together. Have snacks ready, it can take a while!',
      },
    ],
  },
  {
    board: 'parents-and-carers-alliance',
    title: 'Writing to your MP about family help: a template to adapt',
    posts: [
      {
        by: 'Robin Example',
        body: 'Here is what I sent. Make it your own, your story is what makes it count:\n\n- who you are\n- what happened\n- what would have helped sooner',
      },
    ],
  },
  {
    board: 'research-and-practice',
    title: 'Reading group: poverty and neglect',
    posts: [
      {
        by: 'Demo Moderator',
        body: 'A place to share what we are reading about poverty, neglect and family help. Please keep every example anonymous.',
      },
    ],
  },
];

const HOURS = 60 * 60_000;
const hoursAgo = (hours: number) => new Date(Date.now() - hours * HOURS);

/**
 * Something for each of the moderators' queues on /staff, all from the made-up posters: a reply held because it names
 * a school, a report about a post, and a request to join the restricted board.
 */
async function seedModerationWork(trx: Db, people: Map<string, { id: string }>) {
  const robin = people.get('Robin Example')!;
  const nan = people.get('Nan of Three')!;
  const threadCalled = async (title: string) =>
    (await trx.selectFrom('board_threads').select('id').where('title', '=', title).executeTakeFirstOrThrow()).id;

  const heldBody = 'Small win from me too: his teacher at Northmoor Example Primary said he has settled in really well this term.';
  await trx
    .insertInto('board_posts')
    .values({
      thread_id: await threadCalled('Small wins thread'),
      author_id: nan.id,
      body: heldBody,
      html: htmlFor(heldBody, true),
      status: 'held',
      hold_reasons: JSON.stringify(['identifying-details']),
      found: JSON.stringify(['a school name: “Northmoor Example Primary”']),
      created_at: hoursAgo(3),
    })
    .execute();

  const reported = await trx
    .selectFrom('board_posts')
    .select('id')
    .where('thread_id', '=', await threadCalled('What happens at private family time?'))
    .where('status', '=', 'visible')
    .orderBy('id', 'desc')
    .executeTakeFirstOrThrow();
  await trx
    .insertInto('board_reports')
    .values({
      post_id: reported.id,
      reporter_id: robin.id,
      reason: 'Not sure this is right for every conference: could someone who knows check it?',
      created_at: hoursAgo(26),
    })
    .execute();

  await trx
    .insertInto('board_memberships')
    .values({
      board_slug: 'research-and-practice',
      user_id: robin.id,
      status: 'pending',
      statement: 'I volunteer as a parent advocate with a family group conference service (demo).',
      requested_at: hoursAgo(50),
    })
    .execute();
}

/** The five boards, a few conversations, and the demo member's pseudonym. Fictional from start to finish. */
export async function seedBoardsDemo(services: Services): Promise<void> {
  const { db } = services;
  if (await db.selectFrom('boards').select('slug').limit(1).executeTakeFirst()) return;
  const unusable = await hashPassword(randomBytes(24).toString('hex'));
  await db.transaction().execute(async (trx) => {
    for (const [position, board] of DEMO_BOARDS.entries()) {
      await trx
        .insertInto('boards')
        .values({
          slug: board.slug,
          title: board.title,
          description: board.description,
          position,
          restricted: 'restricted' in board,
          rules: JSON.stringify(board.rules),
        })
        .execute();
    }
    const people = new Map<string, { id: string; badge: string | null }>();
    for (const poster of DEMO_POSTERS) {
      const user = await trx
        .insertInto('users')
        .values({
          email: poster.email,
          display_name: poster.pseudonym,
          password_hash: unusable,
          status: 'active',
          email_confirmed_at: new Date(),
          updated_at: new Date(),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx.insertInto('user_roles').values({ user_id: user.id, role: 'member' }).execute();
      await trx
        .insertInto('board_profiles')
        .values({ user_id: user.id, pseudonym: poster.pseudonym, posts_freely: true, approved_posts: 3 })
        .execute();
      people.set(poster.pseudonym, { id: user.id, badge: null });
    }
    const staff = await trx
      .selectFrom('users')
      .select(['id', 'email'])
      .where('email', 'in', ['adviser@example.org', 'moderator@example.org', 'member@example.org'])
      .execute();
    for (const person of staff) {
      const name =
        person.email === 'adviser@example.org'
          ? 'Demo Adviser'
          : person.email === 'moderator@example.org'
            ? 'Demo Moderator'
            : 'Sam Example';
      await trx
        .insertInto('board_profiles')
        .values({ user_id: person.id, pseudonym: name, posts_freely: name !== 'Sam Example' })
        .execute();
      people.set(name, { id: person.id, badge: name === 'Demo Adviser' ? 'Adviser' : name === 'Demo Moderator' ? 'Moderator' : null });
    }
    const adviser = people.get('Demo Adviser');
    // The demo adviser is an approved professional, so the restricted board has someone in it besides moderators.
    if (adviser) {
      await trx
        .insertInto('board_memberships')
        .values({
          board_slug: 'research-and-practice',
          user_id: adviser.id,
          status: 'approved',
          statement: 'Advice line adviser (demo).',
          decided_at: new Date(),
        })
        .execute();
    }
    let minutesAgo = 60 * 24 * 6;
    for (const thread of DEMO_THREADS) {
      // Without the platform's demo staff (in tests), their posts fall to the first made-up poster.
      const fallback = people.get(DEMO_POSTERS[0]!.pseudonym)!;
      const first = people.get(thread.posts[0]!.by) ?? fallback;
      const { id: threadId } = await trx
        .insertInto('board_threads')
        .values({ board_slug: thread.board, title: thread.title, author_id: first.id, status: 'visible' })
        .returning('id')
        .executeTakeFirstOrThrow();
      for (const post of thread.posts) {
        const author = people.get(post.by) ?? fallback;
        minutesAgo -= 137;
        await trx
          .insertInto('board_posts')
          .values({
            thread_id: threadId,
            author_id: author.id,
            badge: author.badge,
            body: post.body,
            html: htmlFor(post.body, true),
            status: 'visible',
            created_at: new Date(Date.now() - minutesAgo * 60_000),
            notified_at: new Date(),
          })
          .execute();
      }
      await trx
        .updateTable('board_threads')
        .set((eb) => ({
          reply_count: thread.posts.length - 1,
          shown_posts: thread.posts.length,
          last_post_id: eb
            .selectFrom('board_posts')
            .select((e) => e.fn.max('id').as('m'))
            .where('thread_id', '=', threadId),
          last_post_at: new Date(Date.now() - minutesAgo * 60_000),
        }))
        .where('id', '=', threadId)
        .execute();
    }
    await seedModerationWork(trx, people);
  });
}
