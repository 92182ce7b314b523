import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { mailTo, testApp, type TestContext } from '../../../../tests/support/app.js';
import { seedDemo } from '../../../platform/demo.js';
import { ALERT_RULES } from './rules/types.js';

describe('oversight: the drift alerts of the demo', () => {
  let t: TestContext;
  before(async () => {
    t = await testApp({ HEARTH_DEMO: 'true' });
    assert.equal(await seedDemo(t.app.services, t.app.config, t.app.modules, t.app.moduleContext), true);
  });
  after(() => t.close());

  it('raises every drift rule on the demo caseload, from the chronology, the assessments and the plans', async () => {
    const rows = await t.app.services.db.selectFrom('oversight_alerts').select('rule').distinct().execute();
    assert.deepEqual(rows.map((r) => r.rule).sort(), [...ALERT_RULES].sort());
  });

  it('raises the chronology rules in the demo caseload, missed and due soon, and mails the digest', async () => {
    const rows = await t.app.services.db.selectFrom('oversight_alerts').select(['rule', 'state']).execute();
    const raised = new Set(rows.map((r) => `${r.rule} ${r.state}`));
    for (const expected of ['conference-overdue missed', 'conference-overdue due-soon', 'not-seen-alone missed']) {
      assert.ok(raised.has(expected), expected);
    }
    const digest = await mailTo(t.app, 'practitioner@example.org');
    assert.ok(digest.some((m) => m.subject.startsWith('Drift alerts for')));
    const manager = await mailTo(t.app, 'manager@example.org');
    assert.ok(manager.some((m) => m.subject.startsWith('Drift alerts for')));
  });
});
