import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { evaluate, visibleBlocks, visibleSources } from './engine/evaluate.js';
import type { Answers, Block, FlowDefinition } from './engine/flow-types.js';
import { BUILT_IN_FLOWS } from './flows/index.js';

/**
 * The points an independent review of the advice found (issue 13), one test each, so that none comes back. The
 * answers are a family's; the text is what the outcome shows them.
 */

const TODAY = new Date('2026-06-15T12:00:00Z');

const blockText = (block: Block) =>
  [block.heading ?? '', ...(block.paragraphs ?? []), ...(block.bullets ?? []), ...(block.links ?? []).map((l) => l.text)].join('\n');

function flow(slug: string): FlowDefinition {
  const found = BUILT_IN_FLOWS.find((f) => f.slug === slug);
  assert.ok(found, `no built-in flow "${slug}"`);
  return found;
}

/** The outcome these answers reach, and all that it shows (advice and sources). */
function advice(slug: string, answers: Answers): { id: string; text: string } {
  const definition = flow(slug);
  const result = evaluate(definition, answers, TODAY);
  assert.ok('kind' in result && result.kind === 'outcome', `did not reach an outcome: ${JSON.stringify(result)}`);
  const blocks = visibleBlocks(result.outcome, answers, TODAY).map(blockText);
  const sources = visibleSources(result.outcome, answers, TODAY).map((s) => s.title);
  return { id: result.id, text: [...blocks, ...sources].join('\n') };
}

/** Every sentence of every flow: questions, answers offered, and every block of every outcome. */
function everyText(): string[] {
  return BUILT_IN_FLOWS.flatMap((definition) => [
    ...definition.intro,
    ...Object.values(definition.questions).flatMap((q) => [
      q.text,
      q.hint ?? '',
      ...(q.options ?? []).flatMap((o) => [o.label, o.hint ?? '']),
    ]),
    ...Object.values(definition.outcomes).flatMap((o) => [
      o.summary,
      ...o.blocks.flatMap((b) => [...(b.paragraphs ?? []), ...(b.bullets ?? [])]),
    ]),
  ]);
}

const contact = (country: string, what: string, extra: Answers = {}): Answers => ({ country, 'what-happened': what, ...extra });
const everyday = { 'asked-to-agree': ['none'], 'help-needed': ['none'] };

describe('the advice, point by point', () => {
  it('a letter of issue means the court case has started: a solicitor now, and legal aid with no means test', () => {
    const issued = advice('children-services-contact', contact('england', 'urgent', { 'urgent-what': 'letter-of-issue' }));
    assert.equal(issued.id, 'emergency-or-court');
    assert.match(issued.text, /A letter of issue means the court case has started/);
    assert.match(issued.text, /solicitor who specialises in children law today/);
    assert.match(issued.text, /there is no means test/);
    const warned = advice('children-services-contact', contact('england', 'urgent', { 'urgent-what': 'letter-before-proceedings' }));
    assert.match(warned.text, /A "letter of issue" is different\. It means the council has already applied to court/);
    for (const text of everyText()) assert.doesNotMatch(text, /letter before proceedings \(or a letter of issue\)/i);
  });

  it('Legal Help for a child protection conference is means-tested, never "not usually available"', () => {
    const prepare = advice('child-protection-conference', {
      country: 'england',
      'conference-type': 'initial',
      timing: 'later',
      report: 'yes',
      worries: ['none'],
    });
    assert.match(prepare.text, /Legal Help\), but it is means-tested: it depends on your income and savings/);
    for (const text of everyText()) assert.doesNotMatch(text, /not usually available/i);
  });

  it('during enquiries, parents are told to keep talking and let the child be seen, and to get advice before an interview or signing', () => {
    const enquiries = advice('children-services-contact', contact('england', 'enquiries', everyday));
    assert.match(enquiries.text, /Keep talking to the social worker, and let them see your child/);
    assert.match(enquiries.text, /especially before a police interview and before you sign anything/);
    for (const text of everyText())
      assert.doesNotMatch(text, /before you answer questions|do not (engage|co-?operate|talk to)|don[’']t (engage|talk)/i);
  });

  it('England: the kinship local offer, in the 2026 Act, in place of the old "family and friends care policy"', () => {
    const placed = advice('kinship-care-support', { country: 'england', 'how-arranged': 'council', 'council-status': 'not-sure' });
    assert.match(placed.text, /kinship local offer/);
    assert.match(placed.text, /section 5 of the Children’s Wellbeing and Schools Act 2026/);
    for (const text of everyText()) assert.doesNotMatch(text, /family and friends care policy/i);
  });

  it('England: the duty to offer family group decision-making is stated with its commencement as checked, not as in force', () => {
    const letter = advice('children-services-contact', contact('england', 'urgent', { 'urgent-what': 'letter-before-proceedings' }));
    assert.match(letter.text, /offer the parents a family group decision-making meeting/);
    assert.match(letter.text, /leaves the start date of this duty to regulations/);
    assert.match(letter.text, /we could not confirm that it was in force/);
    assert.match(letter.text, /Children’s Wellbeing and Schools Act 2026, section 1/);
    const wales = advice('children-services-contact', contact('wales', 'urgent', { 'urgent-what': 'letter-before-proceedings' }));
    assert.doesNotMatch(wales.text, /Act leaves the start date/, 'the duty is for England only');
  });

  it('a parent’s unmarried partner is not a step-parent, so their care of the child can be private fostering', () => {
    const relationship = flow('kinship-care-support').questions.relationship!;
    const stepParent = relationship.options!.find((o) => o.value === 'close-relative')!;
    assert.match(stepParent.hint ?? '', /married to, or in a civil partnership with/);
    const partner = advice('kinship-care-support', {
      country: 'england',
      'how-arranged': 'family',
      relationship: 'parents-partner',
      'child-age': '9',
      'how-long': '28-or-more',
    });
    assert.equal(partner.id, 'private-fostering');
    assert.match(partner.text, /A parent’s partner who is not married to them or in a civil partnership is not a close relative/);
  });

  it('a child placed with relatives by the council "may" be looked after: it turns on the council’s part', () => {
    const placed = advice('kinship-care-support', {
      country: 'england',
      'how-arranged': 'council',
      'council-status': 'family-arrangement',
    });
    assert.match(placed.text, /may be "looked after" by the council, even if they call it a family arrangement/);
    assert.match(placed.text, /what matters is the part the council played in setting it up/);
    const elsewhere = advice('children-services-contact', contact('england', 'urgent', { 'urgent-what': 'stay-elsewhere' }));
    assert.match(elsewhere.text, /depends on the part the council played in arranging/);
  });

  it('money follows the child’s status: a fostering allowance and no Child Benefit or child element for a looked-after child', () => {
    const fostering = advice('kinship-care-support', { country: 'england', 'how-arranged': 'council', 'council-status': 'foster' });
    assert.match(fostering.text, /A fostering allowance from the council/);
    assert.match(fostering.text, /Child Benefit is not paid for a child who is looked after/);
    assert.match(fostering.text, /Universal Credit does not include the child element for a child you foster/);
    assert.doesNotMatch(fostering.text, /Child Benefit, if the child lives with you/);
    const informal = advice('kinship-care-support', { country: 'england', 'how-arranged': 'family', relationship: 'grandparent' });
    assert.match(informal.text, /Child Benefit, if the child lives with you/);
    const unsure = advice('kinship-care-support', { country: 'england', 'how-arranged': 'council', 'council-status': 'not-sure' });
    assert.match(unsure.text, /Money depends on whether the child is looked after/);
  });

  it('judicial review runs from the decision: promptly, and in any event within 3 months', () => {
    const urgent = advice('challenge-a-decision', {
      country: 'england',
      'what-about': 'service',
      'when-happened': '2026-06-01',
      urgent: 'yes',
      'already-complained': 'no',
    });
    assert.match(urgent.text, /promptly, and in any event within 3 months of the decision itself, not of the day you found out/);
    assert.match(urgent.text, /A complaint does not stop that time running/);
    for (const text of everyText()) assert.doesNotMatch(text, /must usually be started within 3 months/);
  });

  it('after a final care order the court steps back and the independent reviewing officer reviews the plan', () => {
    const careOrder = advice('kinship-care-support', { country: 'england', 'how-arranged': 'court', 'order-type': 'care-order' });
    assert.match(careOrder.text, /Once the court makes a final care order, its part ends/);
    assert.match(careOrder.text, /independent reviewing officer \(IRO\) reviews it/);
    for (const text of everyText()) assert.doesNotMatch(text, /court will keep the child’s plan under review until the case ends/);
    const inCare = advice('challenge-a-decision', {
      country: 'england',
      'what-about': 'child-in-care',
      'when-happened': '2026-06-01',
      urgent: 'no',
      'already-complained': 'no',
    });
    assert.match(inCare.text, /Once a court has made a final care order, the court no longer oversees your child’s care plan/);
  });

  it('a carer the council does not approve can go to the independent review mechanism, and temporary approval can be extended', () => {
    const england = advice('kinship-care-support', { country: 'england', 'how-arranged': 'council', 'council-status': 'foster' });
    assert.match(england.text, /independent review mechanism \(IRM\)/);
    assert.match(england.text, /within 28 days of the date of the letter/);
    assert.match(england.text, /extend this once, by up to 8 more weeks/);
    assert.match(england.text, /extend your temporary approval until the outcome is known/);
    const wales = advice('kinship-care-support', { country: 'wales', 'how-arranged': 'not-yet' });
    assert.match(wales.text, /Independent Review Mechanism Cymru/);
  });

  it('Wales: the register’s categories include financial abuse, and England’s do not', () => {
    const answers = { 'conference-type': 'initial', timing: 'later', report: 'yes', worries: ['none'] };
    assert.match(advice('child-protection-conference', { country: 'wales', ...answers }).text, /financial abuse/);
    assert.doesNotMatch(advice('child-protection-conference', { country: 'england', ...answers }).text, /financial abuse/);
  });

  it('Wales: two complaint stages, then the Public Services Ombudsman for Wales; an assessment within 42 working days', () => {
    const complaint = advice('challenge-a-decision', {
      country: 'wales',
      'what-about': 'service',
      'when-happened': '2026-06-01',
      urgent: 'no',
      'already-complained': 'no',
    });
    assert.match(complaint.text, /The two stages in Wales/);
    assert.match(complaint.text, /Stage 1, local resolution/);
    assert.match(complaint.text, /Stage 2, formal investigation/);
    assert.match(complaint.text, /Public Services Ombudsman for Wales/);
    assert.doesNotMatch(complaint.text, /Stage 3|review panel/);
    assert.match(
      advice('children-services-contact', contact('wales', 'assessment', everyday)).text,
      /within 42 working days of the referral/,
    );
  });

  it('names the country on every timescale', () => {
    const timescale = /\b(\d+|one|two|three)\s+(more\s+)?(working days?|days?|weeks?|months?|hours?)\b/i;
    const countryCondition = (block: Block) => /"country"/.test(JSON.stringify(block.when ?? {}));
    for (const definition of BUILT_IN_FLOWS) {
      for (const [id, outcome] of Object.entries(definition.outcomes)) {
        for (const block of outcome.blocks) {
          const named = countryCondition(block) || /England|Wales/.test(block.heading ?? '');
          for (const text of [...(block.paragraphs ?? []), ...(block.bullets ?? [])]) {
            if (!timescale.test(text) || named) continue;
            assert.match(text, /England|Wales|UK/, `${definition.slug}/${id}: a timescale with no country: "${text}"`);
          }
        }
      }
    }
  });
});
