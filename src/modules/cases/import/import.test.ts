import assert from 'node:assert/strict';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { testApp, type TestContext } from '../../../../tests/support/app.js';
import { addDays, londonDay } from '../../../platform/time.js';
import { practiceWorld, type PracticeWorld } from '../../../../tests/support/practice.js';

const today = londonDay(new Date());
const daysAgo = (n: number) => addDays(today, -n);

/** A plainly fictional council's export: one family of two children and a parent, with episodes and a chronology. */
function goodFiles(prefix: string): Record<string, string> {
  return {
    'ssd_person.csv': [
      'pers_person_id,pers_forename,pers_surname,pers_dob',
      `${prefix}-C1,Ash,Importwood,${daysAgo(8 * 365)}`,
      `${prefix}-C2,Bay,Importwood,${daysAgo(3 * 365)}`,
      `${prefix}-A1,Cedar,Importwood,${daysAgo(34 * 365)}`,
    ].join('\n'),
    'ssd_family.csv': [
      'fami_family_id,fami_person_id',
      `${prefix}-F1,${prefix}-C1`,
      `${prefix}-F1,${prefix}-C2`,
      `${prefix}-F1,${prefix}-A1`,
    ].join('\n'),
    'ssd_cin_episodes.csv': [
      'cine_referral_id,cine_person_id,cine_referral_date,cine_referral_source_code,cine_cin_primary_need_code,cine_close_date,cine_close_reason',
      `${prefix}-R1,${prefix}-C1,${daysAgo(400)},2A,N1,${daysAgo(300)},RC7`,
      `${prefix}-R2,${prefix}-C1,${daysAgo(100)},3A,N1,,`,
    ].join('\n'),
    'hearth_chronology.csv': [
      'event_id,person_ids,kind,occurred_on,agency,significance,plan_type,summary',
      `E1,${prefix}-C1,referral,${daysAgo(400)},School,medium,,"Teacher worried about lunches, and said so"`,
      `E2,${prefix}-C1,case-closed,${daysAgo(300)},Children's social care,low,,Closed after support`,
      `E3,${prefix}-C1 ${prefix}-C2,referral,${daysAgo(100)},Health,high,,<b>Re-referred</b> by the GP`,
      `E4,${prefix}-A1,debt,${daysAgo(50)},Citizens Advice,low,,=SUM(A1) arrears letter`,
    ].join('\n'),
  };
}

function folderWith(files: Record<string, string | Buffer>): string {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hearth-import-'));
  for (const [name, text] of Object.entries(files)) fs.writeFileSync(path.join(dir, name), text);
  return dir;
}

describe('hearth practice import', () => {
  let t: TestContext;
  let world: PracticeWorld;
  const folders: string[] = [];
  before(async () => {
    t = await testApp();
    world = await practiceWorld(t.app);
  });
  after(async () => {
    for (const dir of folders) fs.rmSync(dir, { recursive: true, force: true });
    await t.close();
  });

  async function run(files: Record<string, string | Buffer>, extra: string[] = []) {
    const dir = folderWith(files);
    folders.push(dir);
    const said: string[] = [];
    const [log, error] = [console.log, console.error];
    console.log = (line: string) => void said.push(line);
    console.error = (line: string) => void said.push(line);
    try {
      const args = [dir, '--organisation', 'Fictional Northmoor Council (test)', '--team', 'North team (test)', ...extra];
      return { code: await t.app.runModuleCommand('practice import', args), said: said.join('\n') };
    } finally {
      [console.log, console.error] = [log, error];
    }
  }

  const peopleCount = async () =>
    Number(
      (
        await t.app.services.db
          .selectFrom('case_people')
          .select((eb) => eb.fn.countAll<string>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  it('imports a family whole: their own ids kept, episodes, the chronology as written, and the flags it raises', async () => {
    const result = await run(goodFiles('GOOD'), ['--worker', world.users.worker.email]);
    assert.equal(result.code, 0, result.said);
    assert.match(result.said, /Imported 2 children and 1 adults in 1 families, 4 chronology events/);
    const db = t.app.services.db;
    const ash = await db.selectFrom('case_people').selectAll().where('reference', '=', 'GOOD-C1').executeTakeFirstOrThrow();
    assert.equal(ash.allocated_worker_id, world.users.worker.id);
    assert.equal(ash.kind, 'child');
    assert.equal(
      (await db.selectFrom('case_people').select('kind').where('reference', '=', 'GOOD-A1').executeTakeFirstOrThrow()).kind,
      'adult',
    );
    const episodes = await db.selectFrom('case_episodes').selectAll().where('child_id', '=', ash.id).orderBy('referral_date').execute();
    assert.deepEqual(
      episodes.map((e) => [e.referral_source, e.closure_reason]),
      [
        ['2A', 'RC7'],
        ['3A', null],
      ],
    );
    const flags = await db.selectFrom('case_flags').select('rule').where('child_id', '=', ash.id).execute();
    assert.ok(
      flags.some((f) => f.rule === 're-referral'),
      'a referral within 12 months of a closure',
    );
    const summaries = await db
      .selectFrom('case_event_versions as v')
      .innerJoin('case_events as e', 'e.id', 'v.event_id')
      .select('v.summary')
      .where('e.family_id', '=', ash.family_id)
      .execute();
    assert.ok(
      summaries.some((s) => s.summary === '<b>Re-referred</b> by the GP'),
      'kept as text, never as markup',
    );
    assert.ok(summaries.some((s) => s.summary === '=SUM(A1) arrears letter'));
    const audit = await db.selectFrom('audit_log').select('details').where('action', '=', 'cases.imported').execute();
    assert.equal(audit.length, 1);

    const again = await run(goodFiles('GOOD'));
    assert.equal(again.code, 1);
    assert.match(again.said, /already in Hearth/);
  });

  it('lists every problem in every file, row by row, and imports nothing', async () => {
    const before = await peopleCount();
    const files = goodFiles('BAD');
    files['ssd_person.csv'] += `\nBAD-C1,Dup,Importwood,${daysAgo(10)}\nBAD-X,Nodate,Importwood,31/02/2020`;
    files['ssd_family.csv'] += '\nBAD-F1,BAD-NOBODY';
    files['ssd_cin_episodes.csv'] += `\nBAD-R3,BAD-A1,${daysAgo(10)},ZZ,N12,,RC1`;
    files['hearth_chronology.csv'] +=
      `\nE5,BAD-C1,shouting,${addDays(today, 3)},,high,child-protection,\nE6,BAD-C9,referral,${daysAgo(5)},Police,low,,Fine`;
    const result = await run(files);
    assert.equal(result.code, 1);
    for (const expected of [
      /ssd_person\.csv line 5: pers_person_id: BAD-C1 is already on an earlier line/,
      /ssd_person\.csv line 6: pers_dob: must be a real date/,
      /ssd_family\.csv line 5: fami_person_id: BAD-NOBODY is not in ssd_person\.csv/,
      /ssd_cin_episodes\.csv line 4: cine_person_id: BAD-A1 is not a child/,
      /ssd_cin_episodes\.csv line 4: cine_referral_source_code: ZZ is not a CIN census referral source/,
      /ssd_cin_episodes\.csv line 4: cine_cin_primary_need_code: must be a code from N0 to N9/,
      /ssd_cin_episodes\.csv line 4: cine_close_reason: leave it empty while the episode is open/,
      /hearth_chronology\.csv line 6: kind: choose what happened from the list/,
      /hearth_chronology\.csv line 6: occurred_on: the date it happened must be today or in the past/,
      /hearth_chronology\.csv line 6: agency: enter the agency that told you/,
      /hearth_chronology\.csv line 6: summary: enter a summary of what happened/,
      /hearth_chronology\.csv line 7: person_ids: BAD-C9 is not in ssd_person\.csv/,
      /Nothing was imported: \d+ problems to put right first/,
    ]) {
      assert.match(result.said, expected);
    }
    assert.equal(await peopleCount(), before, 'nothing written');
  });

  it('refuses a missing file, a broken quote and a file that is not UTF-8, naming each', async () => {
    const files: Record<string, string | Buffer> = goodFiles('ENC');
    delete files['ssd_family.csv'];
    files['ssd_cin_episodes.csv'] = 'cine_referral_id,cine_person_id\n"never closed';
    files['ssd_person.csv'] = Buffer.from(
      'pers_person_id,pers_forename,pers_surname,pers_dob\nENC-C1,Ren\xe9e,Importwood,2019-01-01\n',
      'latin1',
    );
    const result = await run(files);
    assert.equal(result.code, 1);
    assert.match(result.said, /ssd_family\.csv: the file is missing/);
    assert.match(result.said, /ssd_cin_episodes\.csv line 2: A quoted cell is never closed/);
    assert.match(result.said, /ssd_person\.csv: the file is not UTF-8 text/);
  });

  it('says how to use it when the folder or the team is missing', async () => {
    const said: string[] = [];
    const error = console.error;
    console.error = (line: string) => void said.push(line);
    try {
      assert.equal(await t.app.runModuleCommand('practice import', []), 2);
      assert.equal(await t.app.runModuleCommand('practice import', ['some-dir']), 2);
    } finally {
      console.error = error;
    }
    assert.match(said.join('\n'), /Usage: hearth practice import <dir> --team NAME/);
  });
});
