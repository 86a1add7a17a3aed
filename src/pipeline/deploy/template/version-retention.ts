// SAM gives the versions of a function with CapacityProviderConfig `DeletionPolicy: Delete`
// unless the function says `VersionDeletionPolicy: Retain` (samtranslator
// `_get_default_version_deletion_policy`). Under Delete, every deploy that publishes a new LMI
// version deletes the previous one — the version production serves and the rollback target —
// so such a template is refused before anything is packaged or deployed.
import { CutoverError } from '../../../core/errors.js';
import type { CfnTemplate } from './cfn-yaml.js';

const SERVERLESS_FUNCTION = 'AWS::Serverless::Function';

/** Fails with TEMPLATE_INVALID naming every LMI function whose versions would not be retained. */
export function assertLmiVersionsRetained(template: CfnTemplate): void {
  const globals = template.Globals?.Function ?? {};
  const unretained = Object.entries(template.Resources)
    .filter(([, r]) => r.Type === SERVERLESS_FUNCTION)
    .filter(([, r]) => {
      const props = { ...globals, ...r.Properties };
      const isLmi = props.CapacityProviderConfig !== undefined;
      const publishes = props.AutoPublishAlias !== undefined || props.AutoPublishCodeSha256 !== undefined;
      return isLmi && publishes && props.VersionDeletionPolicy !== 'Retain';
    })
    .map(([id]) => id);
  if (unretained.length === 0) return;
  throw new CutoverError(
    'TEMPLATE_INVALID',
    `${unretained.join(', ')} ${unretained.length === 1 ? 'runs' : 'run'} on a capacity provider without ` +
      '"VersionDeletionPolicy: Retain": SAM then deletes the previous LMI version on every deploy, which removes ' +
      'the version production serves and the rollback target. Add "VersionDeletionPolicy: Retain" to ' +
      `${unretained.length === 1 ? 'its' : 'their'} Properties (or to Globals.Function); lmi-cutover retires old versions itself (keep-versions).`,
  );
}
