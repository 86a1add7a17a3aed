// The SAM Globals section: settings shared by every resource of a type. Maps are merged
// (the resource wins), lists are concatenated, scalars are taken from the resource.
import type { Json, JsonObject, Template } from '../template.js';

const SECTIONS: Record<string, string> = {
  Function: 'AWS::Serverless::Function',
  Api: 'AWS::Serverless::Api',
  CapacityProvider: 'AWS::Serverless::CapacityProvider',
};

function merge(global: Json, local: Json | undefined): Json {
  if (local === undefined) return structuredClone(global);
  if (Array.isArray(global) && Array.isArray(local)) return [...structuredClone(global), ...local];
  const isMap = (v: Json | undefined): v is JsonObject => !!v && typeof v === 'object' && !Array.isArray(v);
  if (isMap(global) && isMap(local) && !Object.keys(local).some((k) => k === 'Ref' || k.startsWith('Fn::'))) {
    const out: JsonObject = { ...structuredClone(global) };
    for (const [k, v] of Object.entries(local)) out[k] = k in global ? merge(global[k]!, v) : v;
    return out;
  }
  return local;
}

export function applyGlobals(template: Template): string[] {
  const errors: string[] = [];
  const globals = template.Globals ?? {};
  for (const [section, settings] of Object.entries(globals)) {
    const type = SECTIONS[section];
    if (!type) {
      errors.push(
        `'${section}' is not a supported section of Globals in the local emulator (supported: ${Object.keys(SECTIONS).join(', ')}).`,
      );
      continue;
    }
    for (const decl of Object.values(template.Resources)) {
      if (decl.Type !== type) continue;
      const props = (decl.Properties ??= {});
      for (const [k, v] of Object.entries(settings as JsonObject)) props[k] = merge(v, props[k]);
    }
  }
  delete template.Globals;
  return errors;
}
