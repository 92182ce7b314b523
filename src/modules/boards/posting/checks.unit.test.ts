import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { DEFAULT_DANGER_WORDS, findDangerWords, findIdentifyingDetails } from './checks.js';

const NAMES = ['Northmoor Primary School', 'Canal Street'];

describe('identifying details', () => {
  const examples: { text: string; kinds: string[] }[] = [
    { text: 'Ring me on 07700 900123 any time', kinds: ['phone number'] },
    { text: 'my number is +44 7700 900456', kinds: ['phone number'] },
    { text: 'Call the office on (020) 7946 0000', kinds: ['phone number'] },
    { text: 'landline 0161-496-0000', kinds: ['phone number'] },
    { text: 'email me at sam.example@example.org', kinds: ['email address'] },
    { text: 'We live near NM1 4AB now', kinds: ['postcode'] },
    { text: 'postcode is sw1a1aa', kinds: ['postcode'] },
    { text: 'She was born on 3rd May 2019', kinds: ['date of birth'] },
    { text: 'DOB: 14 February 2020', kinds: ['date of birth'] },
    { text: 'his birthday is 12/06/2018', kinds: ['date of birth'] },
    { text: 'He goes to northmoor primary  school', kinds: ['school or street name'] },
    { text: 'We moved to Canal Street last year', kinds: ['school or street name'] },
    { text: 'Call ０７７００ ９００１２３', kinds: ['phone number'] },
    { text: 'The conference is on 3 May 2026 at ten', kinds: [] },
    { text: 'I have 3 children aged 2, 5 and 11', kinds: [] },
    { text: 'It took 12 weeks and 40 working days', kinds: [] },
    { text: 'Section 47 enquiry under the Children Act 1989', kinds: [] },
    { text: 'We walked along the canal and down the street', kinds: [] },
    { text: '', kinds: [] },
  ];
  for (const example of examples) {
    it(`finds ${example.kinds.join(', ') || 'nothing'} in “${example.text}”`, () => {
      const found = findIdentifyingDetails(example.text, NAMES).map((f) => f.kind);
      assert.deepEqual([...new Set(found)].sort(), [...example.kinds].sort());
    });
  }

  it('names what it found, once each', () => {
    const found = findIdentifyingDetails('07700 900123 or 07700 900123, or NM1 4AB', NAMES);
    assert.deepEqual(found, [
      { kind: 'phone number', text: '07700 900123' },
      { kind: 'postcode', text: 'NM1 4AB' },
    ]);
  });
});

describe('danger words', () => {
  const examples: { text: string; found: string[] }[] = [
    { text: 'Some days I want to die', found: ['want to die'] },
    { text: 'I have been having SUICIDAL thoughts', found: ['suicidal'] },
    { text: 'he hits me when he has been drinking', found: ['he hits me'] },
    { text: 'I am not safe at home', found: ['not safe at home'] },
    { text: 'I self-harm when it gets bad', found: ['self-harm'] },
    { text: 'The hearing hit me hard, it really hurt', found: [] },
    { text: 'She was killing it at school this term', found: [] },
    { text: 'I felt like I could die of embarrassment', found: [] },
  ];
  for (const example of examples) {
    it(`finds ${example.found.join(', ') || 'nothing'} in “${example.text}”`, () => {
      assert.deepEqual(findDangerWords(example.text, DEFAULT_DANGER_WORDS), example.found);
    });
  }

  it('uses the configured list instead of its own', () => {
    assert.deepEqual(findDangerWords('I am frightened', ['frightened']), ['frightened']);
    assert.deepEqual(findDangerWords('I want to die', ['frightened']), []);
  });
});
