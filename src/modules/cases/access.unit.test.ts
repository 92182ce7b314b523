import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Principal } from '../../platform/access.js';
import type { Role } from '../../platform/roles.js';
import { recordAccess, type RecordHolder } from './access.js';

const holder: RecordHolder = { organisationId: 'council-a', teamId: 'team-1', familyWorkerId: 'worker-f', childWorkerId: 'worker-c' };
const person = (id: string, roles: Role[], organisationId: string | null, teamId: string | null): Principal => ({
  id,
  email: `${id}@example.org`,
  roles,
  organisationId,
  teamId,
});

describe('who may read a child’s record', () => {
  it('opens it to the allocated workers wherever their team is, and to the family’s team and its managers', () => {
    assert.equal(recordAccess(person('worker-c', ['practitioner'], 'council-a', 'team-9'), holder, false), 'open');
    assert.equal(recordAccess(person('worker-f', ['practitioner'], 'council-a', null), holder, false), 'open');
    assert.equal(recordAccess(person('someone', ['practitioner'], 'council-a', 'team-1'), holder, false), 'open');
    assert.equal(recordAccess(person('boss', ['manager'], 'council-a', 'team-1'), holder, false), 'open');
  });

  it('asks anyone else of the organisation to break the glass, and opens it once they have', () => {
    const colleague = person('colleague', ['practitioner'], 'council-a', 'team-2');
    assert.equal(recordAccess(colleague, holder, false), 'break-glass');
    assert.equal(recordAccess(colleague, holder, true), 'open');
    assert.equal(recordAccess(person('other-boss', ['manager'], 'council-a', 'team-2'), holder, false), 'break-glass');
  });

  it('gives analysts counts only, even after breaking the glass', () => {
    assert.equal(recordAccess(person('analyst', ['analyst'], 'council-a', null), holder, true), 'counts-only');
  });

  it('hides it from every other organisation, from people in none, and from other roles, whatever they claim', () => {
    assert.equal(recordAccess(person('worker-c', ['practitioner'], 'council-b', 'team-1'), holder, true), 'hidden');
    assert.equal(recordAccess(person('worker-c', ['practitioner'], null, 'team-1'), holder, false), 'hidden');
    assert.equal(recordAccess(person('editor', ['editor', 'admin'], 'council-a', 'team-1'), holder, false), 'hidden');
  });
});
