// GitHub runs this file after the job's steps (action.yml `post`, post-if: always()).
import { runPost } from './github/post.js';

void runPost();
