// The route and the version it names as zod schemas, shared by every reader of saved data (the
// report read back from disk, the post step's saved state), so both accept exactly one shape.
import { z } from 'zod';

export const versionRefSchema = z.object({
  side: z.enum(['standard', 'lmi']),
  functionName: z.string().min(1),
  version: z.string().regex(/^\d+$/),
});

export const routeSchema = z.union([
  z.object({ kind: z.enum(['standard', 'lmi']), target: versionRefSchema.optional() }),
  z.object({
    kind: z.literal('canary'),
    percent: z.number().min(0).max(100),
    base: versionRefSchema.optional(),
    candidate: versionRefSchema.optional(),
  }),
]);
