import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { moduleCommandFor, moduleCommandUsage, type HearthModule } from './modules.js';

const run = async () => 0;
const modules = [
  { name: 'one', commands: { generate: { usage: '--children N', summary: 'make things', run } } },
  {
    name: 'two',
    commands: { 'practice import': { usage: '<dir>', summary: 'bring things in', run }, practice: { usage: '', summary: 'x', run } },
  },
] as unknown as HearthModule[];

describe('module commands on the command line', () => {
  it('finds a command of one word or two, the longer name first, and hands on the words after it', () => {
    assert.deepEqual(moduleCommandFor(modules, ['generate', '--children', '50'])?.args, ['--children', '50']);
    const imported = moduleCommandFor(modules, ['practice', 'import', 'dir/']);
    assert.equal(imported?.name, 'practice import');
    assert.deepEqual(imported?.args, ['dir/']);
    assert.equal(moduleCommandFor(modules, ['practice'])?.name, 'practice');
    assert.equal(moduleCommandFor(modules, ['nothing', 'here']), undefined);
    assert.equal(moduleCommandFor(modules, []), undefined);
  });

  it('lists each command with what to type after it', () => {
    assert.deepEqual(moduleCommandUsage(modules, 22), [
      '  generate --children N  make things',
      '  practice import <dir>  bring things in',
      '  practice               x',
    ]);
  });
});
