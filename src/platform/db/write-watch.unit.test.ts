import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { WriteWatch } from './write-watch.js';

describe('the write watch', () => {
  const watching = (...statements: string[]) => {
    const watch = new WriteWatch();
    const before = {
      sessionsAny: watch.generation({ anyWrite: ['sessions'] }),
      sessionsRows: watch.generation({ existingRows: ['sessions'] }),
      users: watch.generation({ anyWrite: ['users'] }),
    };
    for (const statement of statements) watch.noteStatement(statement);
    return {
      sessionsAny: watch.generation({ anyWrite: ['sessions'] }) !== before.sessionsAny,
      sessionsRows: watch.generation({ existingRows: ['sessions'] }) !== before.sessionsRows,
      users: watch.generation({ anyWrite: ['users'] }) !== before.users,
    };
  };

  it('sees nothing change for reads, however they are written', () => {
    assert.deepEqual(watching('select * from "sessions" where "id_hash" = $1', 'select created_at, deleted_at from users'), {
      sessionsAny: false,
      sessionsRows: false,
      users: false,
    });
  });

  it('tells a new row from a change to rows already there', () => {
    assert.deepEqual(watching('insert into "sessions" ("id_hash") values ($1)'), { sessionsAny: true, sessionsRows: false, users: false });
    assert.deepEqual(watching('update "sessions" set "last_seen_at" = $1 where "id_hash" = $2'), {
      sessionsAny: true,
      sessionsRows: true,
      users: false,
    });
    assert.deepEqual(watching('insert into sessions (id_hash) values ($1) on conflict (id_hash) do update set data = excluded.data'), {
      sessionsAny: true,
      sessionsRows: true,
      users: false,
    });
  });

  it('finds writes inside a statement that reads too, and in a schema-qualified name', () => {
    assert.equal(watching('with moved as (update public.users set status = $1 returning id) select * from moved').users, true);
    assert.equal(watching('insert into "public"."users" ("id") values ($1)').users, true);
  });

  it('counts a delete, a truncate or a change of schema as a write to every table, since foreign keys cascade', () => {
    for (const statement of ['delete from "users" where "id" = $1', 'truncate board_posts', 'alter table sessions add column x int']) {
      assert.deepEqual(watching(statement), { sessionsAny: true, sessionsRows: true, users: true }, statement);
    }
  });
});
