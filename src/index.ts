// GitHub runs this file (action.yml `main`). All logic lives in github/action.ts.
import { run } from './github/action.js';

void run();
