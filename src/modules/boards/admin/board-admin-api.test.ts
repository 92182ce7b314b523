import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { FastifyInstance } from 'fastify';
import { createUser, type TestContext } from '../../../../tests/support/app.js';
import type { Role } from '../../../platform/roles.js';
import { boardsTestApp } from '../test-support.js';
import { personActor } from '../../../platform/audit.js';

const RESTRICTED = 'research-and-practice';

describe('boards: administration through the API', () => {
  let context: TestContext;
  let app: FastifyInstance;
  before(async () => {
    context = await boardsTestApp();
    app = context.app;
  });
  after(() => context.close());

  const db = () => app.services.db;
  const boardRow = (slug: string) => db().selectFrom('boards').selectAll().where('slug', '=', slug).executeTakeFirst();
  async function tokenFor(roles: Role[]) {
    const user = await createUser(app, { roles });
    const token = await app.services.apiTokens.create(
      { id: user.id, email: user.email, roles, organisationId: null, teamId: null },
      'test',
      personActor(user, '127.0.0.1'),
    );
    return { authorization: `Bearer ${token}` };
  }
  const call = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, headers: Record<string, string>, payload?: unknown) =>
    app.inject({
      method,
      url,
      headers: payload === undefined ? headers : { ...headers, 'content-type': 'application/json' },
      ...(payload === undefined ? {} : { payload: JSON.stringify(payload) }),
    });

  it('is for administrators only, and is in the OpenAPI document', async () => {
    assert.equal((await call('GET', '/api/v1/boards/admin/boards', {})).statusCode, 401);
    for (const roles of [['member'], ['moderator']] as Role[][]) {
      const headers = await tokenFor(roles);
      assert.equal((await call('GET', '/api/v1/boards/admin/boards', headers)).statusCode, 403);
      assert.equal(
        (await call('PUT', '/api/v1/boards/admin/boards/parents/rules', headers, { restricted: false, read: [], reply: [], start: [] }))
          .statusCode,
        403,
      );
    }
    const list = await call('GET', '/api/v1/boards/admin/boards', await tokenFor(['admin']));
    assert.equal(list.statusCode, 200);
    const restricted = (list.json() as { slug: string; restricted: boolean; rules: { read: string[] } }[]).find(
      (b) => b.slug === RESTRICTED,
    )!;
    assert.deepEqual(restricted.rules.read, ['approved']);
    const document = (await app.inject('/api/openapi.json')).json() as { paths: Record<string, Record<string, unknown>> };
    for (const [path, method] of [
      ['/api/v1/boards/admin/boards', 'post'],
      ['/api/v1/boards/admin/boards/{slug}', 'put'],
      ['/api/v1/boards/admin/boards/{slug}', 'delete'],
      ['/api/v1/boards/admin/boards/{slug}/rules', 'put'],
      ['/api/v1/boards/admin/boards/{slug}/close', 'post'],
      ['/api/v1/boards/admin/boards/{slug}/open', 'post'],
    ]) {
      assert.ok(document.paths[path!]?.[method!], `${method} ${path}`);
    }
  });

  it('creates, changes, closes and deletes boards, refusing unsafe rules with problem+json', async () => {
    const headers = await tokenFor(['admin']);
    const slug = `api-board-${Math.random().toString(36).slice(2, 8)}`;
    const created = await call('POST', '/api/v1/boards/admin/boards', headers, {
      slug,
      title: 'From the API',
      description: 'Made by a test',
      restricted: false,
    });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal((created.json() as { slug: string }).slug, slug);
    const again = await call('POST', '/api/v1/boards/admin/boards', headers, {
      slug,
      title: 'Again',
      description: 'Again',
      restricted: false,
    });
    assert.equal(again.statusCode, 400);
    assert.equal((again.json() as { errors: { field: string }[] }).errors[0]!.field, 'slug');

    const unsafe = await call('PUT', `/api/v1/boards/admin/boards/${RESTRICTED}/rules`, headers, {
      restricted: false,
      read: ['visitor'],
      reply: ['member'],
      start: ['member'],
    });
    assert.equal(unsafe.statusCode, 400);
    assert.match(unsafe.headers['content-type'] as string, /application\/problem\+json/);
    assert.ok((unsafe.json() as { errors: { field: string }[] }).errors.some((e) => e.field === 'restricted'));
    assert.equal((await boardRow(RESTRICTED))!.restricted, true);

    const changed = await call('PUT', `/api/v1/boards/admin/boards/${slug}/rules`, headers, {
      restricted: true,
      read: ['approved', 'adviser'],
      reply: ['approved'],
      start: ['adviser'],
    });
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual((changed.json() as { rules: unknown }).rules, {
      read: ['approved', 'adviser'],
      reply: ['approved'],
      start: ['adviser'],
    });
    assert.equal((await app.inject(`/api/v1/boards/${slug}`)).statusCode, 404, 'at once for visitors');

    const details = await call('PUT', `/api/v1/boards/admin/boards/${slug}`, headers, {
      title: 'Renamed',
      description: 'New',
      position: 7,
    });
    assert.equal(details.statusCode, 200, details.body);
    assert.equal((details.json() as { position: number }).position, 7);

    const closed = await call('POST', `/api/v1/boards/admin/boards/${slug}/close`, headers);
    assert.equal((closed.json() as { closed: boolean }).closed, true);
    assert.equal(((await call('POST', `/api/v1/boards/admin/boards/${slug}/open`, headers)).json() as { closed: boolean }).closed, false);

    assert.equal((await call('DELETE', '/api/v1/boards/admin/boards/parents', headers)).statusCode, 409);
    assert.equal((await call('DELETE', `/api/v1/boards/admin/boards/${slug}`, headers)).statusCode, 204);
    assert.equal((await call('DELETE', `/api/v1/boards/admin/boards/${slug}`, headers)).statusCode, 404);
    const actions = (await db().selectFrom('audit_log').select('action').where('subject_id', '=', slug).orderBy('id').execute()).map(
      (r) => r.action,
    );
    assert.deepEqual(actions, [
      'boards.board.created',
      'boards.board.rules-changed',
      'boards.board.changed',
      'boards.board.closed',
      'boards.board.opened',
      'boards.board.deleted',
    ]);
  });
});
