// Writes the README's input and output tables from action.yml, so the docs cannot drift from
// the contract. `--check` fails instead of writing (a unit test runs it).
import { readFileSync, writeFileSync } from 'node:fs';
import { parse } from 'yaml';

const action = parse(readFileSync('action.yml', 'utf8'));
const cell = (s) =>
  String(s ?? '')
    .replace(/\s+/g, ' ')
    .trim()
    .replace(/\|/g, '\\|');

const inputs = [
  '| input | default | description |',
  '| --- | --- | --- |',
  ...Object.entries(action.inputs).map(
    ([name, i]) =>
      `| \`${name}\`${i.required ? ' (required)' : ''} | ${i.default === undefined || i.default === '' ? '' : `\`${cell(i.default)}\``} | ${cell(i.description)} |`,
  ),
].join('\n');
const outputs = [
  '| output | description |',
  '| --- | --- |',
  ...Object.entries(action.outputs).map(([name, o]) => `| \`${name}\` | ${cell(o.description)} |`),
].join('\n');

const replaceBlock = (text, name, body) => {
  const re = new RegExp(`(<!-- ${name}:start -->)[\\s\\S]*?(<!-- ${name}:end -->)`);
  if (!re.test(text)) throw new Error(`README.md has no <!-- ${name}:start --> … <!-- ${name}:end --> block`);
  return text.replace(re, (_m, start, end) => `${start}\n${body}\n${end}`);
};

const readme = readFileSync('README.md', 'utf8');
const next = replaceBlock(replaceBlock(readme, 'inputs', inputs), 'outputs', outputs);
if (process.argv.includes('--check')) {
  if (next !== readme) {
    console.error('README.md inputs/outputs tables differ from action.yml: run `npm run docs`');
    process.exit(1);
  }
} else if (next !== readme) {
  writeFileSync('README.md', next);
  console.log('README.md tables updated from action.yml');
}
