import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { readFields } from '../validation.js';
import { DEMO_ITEMS } from './index.js';

const all = () => DEMO_ITEMS.map((item) => ({ title: item.title, text: `${item.title}\n${item.summary}\n${item.body}` }));
const item = (title: string) => {
  const found = DEMO_ITEMS.find((i) => i.title === title);
  assert.ok(found, title);
  return `${found.summary}\n${found.body}`;
};

/** The demo content is advice families read: the points of the advice review (issue 13) hold for it too. */
describe('demo content: the advice', () => {
  it('gives every advice sheet its public sources and the day its facts were checked', () => {
    const sheets = DEMO_ITEMS.filter((i) => i.type === 'advice-sheet');
    assert.ok(sheets.length > 0);
    for (const sheet of sheets) {
      const read = readFields(sheet as unknown as Record<string, unknown>);
      assert.ok(read.ok, `${sheet.title}: ${JSON.stringify(!read.ok && read.errors)}`);
      assert.ok(read.fields.sources.length > 0, sheet.title);
      assert.ok(read.fields.lastReviewed, sheet.title);
    }
  });

  it('never calls a letter of issue a letter before proceedings, and says what it means', () => {
    for (const { title, text } of all()) assert.doesNotMatch(text, /letter before proceedings \(or a letter of issue\)/i, title);
    const sheet = item('The pre-proceedings process and the letter before proceedings');
    assert.match(sheet, /A letter of issue is different: it tells you the council has already applied to court/);
    assert.match(sheet, /without any means test/);
  });

  it('says Legal Help for a conference is means-tested', () => {
    for (const { title, text } of all()) assert.doesNotMatch(text, /not usually available/i, title);
    assert.match(item('Child protection conferences: what to expect'), /it is means-tested/);
  });

  it('names the country of each complaints procedure: three stages in England, two then the ombudsman in Wales', () => {
    for (const { title, text } of all()) assert.doesNotMatch(text, /up to three stages/i, title);
    const sheet = item('How to challenge a decision by children’s services');
    assert.match(sheet, /In England it has three stages/);
    assert.match(
      sheet,
      /In Wales it has two stages: local resolution, then a formal investigation\. Then you can go to the Public Services Ombudsman for Wales/,
    );
    assert.match(sheet, /promptly, and in any event within 3 months of the decision itself/);
  });

  it('gives Wales its own register categories and assessment timescale', () => {
    assert.match(item('Child protection conferences: what to expect'), /In Wales .* also include financial abuse/);
    assert.match(
      item('Asking children’s services for help for your family'),
      /In Wales, an assessment should be finished within 42 working days/,
    );
  });

  it('says a child placed by the council "may" be looked after, and that benefits follow that status', () => {
    for (const { title, text } of all()) assert.doesNotMatch(text, /arranged it, so she was looked after/, title);
    const sheet = item('Looking after a relative’s child: your options');
    assert.match(sheet, /the child may be looked after .* it depends on the part the council played/);
    assert.match(sheet, /Child Benefit is not paid for a child who is looked after/);
    assert.match(item('Can I get paid for looking after my grandchild?'), /Child Benefit is not paid for that child/);
  });

  it('counts the children in kinship care with a named source and year', () => {
    const campaign = item('Campaign: fair support for kinship carers');
    for (const { title, text } of all()) assert.doesNotMatch(text, /hundreds of thousands of children/i, title);
    assert.match(campaign, /2021 Census, the Office for National Statistics counted about 121,000 children/);
    assert.match(campaign, /\(\[ONS, 2023\]\(https:\/\/www\.ons\.gov\.uk\//);
  });
});
