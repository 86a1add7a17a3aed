// action.yml is the public contract; INPUTS and OUTPUTS are what the code reads and writes.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from '@jest/globals';
import { parse } from 'yaml';
import { INPUTS } from '../../src/config/config.js';
import { OUTPUTS } from '../../src/github/outputs.js';

interface ActionYml {
  inputs: Record<string, { description: string; required?: boolean; default?: string }>;
  outputs: Record<string, { description: string }>;
  runs: Record<string, string>;
  branding: { icon: string; color: string };
}

const action = parse(readFileSync('action.yml', 'utf8')) as ActionYml;
const squash = (s: string) => s.replace(/\s+/g, ' ').trim();

describe('action.yml', () => {
  it('runs on node24 with the bundled main and an always() post step', () => {
    expect(action.runs).toEqual({
      using: 'node24',
      main: 'dist/index.js',
      post: 'dist/post/index.js',
      'post-if': 'always()',
    });
    expect(action.branding.icon).toBeTruthy();
  });

  it('declares exactly the inputs the code reads, with the same defaults and descriptions', () => {
    expect(Object.keys(action.inputs)).toEqual(INPUTS.map((i) => i.name));
    for (const input of INPUTS) {
      const declared = action.inputs[input.name]!;
      expect(squash(declared.description)).toBe(squash(input.description));
      if (input.name === 'stack-name') {
        expect(declared.required).toBe(true);
      } else {
        expect(declared.default).toBe('default' in input ? input.default : '');
      }
    }
  });

  it('declares exactly the outputs the code sets', () => {
    expect(Object.keys(action.outputs)).toEqual(Object.keys(OUTPUTS));
    for (const [name, description] of Object.entries(OUTPUTS)) {
      expect(squash(action.outputs[name]!.description)).toContain(
        squash(description).replace(/ Each output.*$/, ''),
      );
    }
  });
});
