// Action inputs as the raw strings parseConfig expects (INPUT_<NAME> variables via core).
import * as core from '@actions/core';
import { INPUTS, type RawInputs } from '../config/config.js';

export function readActionInputs(): RawInputs {
  return Object.fromEntries(INPUTS.map((input) => [input.name, core.getInput(input.name)]));
}
