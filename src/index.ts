// GitHub runs this file (action.yml `main`). All logic lives in main.ts.
import { run } from './main.js';

void run();
