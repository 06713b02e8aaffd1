// `logtoConfig` as @logto/client's normalizeLogtoConfig makes it (reserved scopes added, the
// organizations resource added for the organizations scope, `prompt` defaulted). It must be
// ready synchronously, before the core loads. The core is handed the config as given: it applies
// the same rules and checks every field, so a malformed value is left here for it to name.
import { ReservedResource, ReservedScope, UserScope } from './constants.js';

export function normalizeLogtoConfig(config) {
  if (config === null || typeof config !== 'object') return config;
  const { prompt = 'consent', scopes = [], resources, ...rest } = config;
  if (!Array.isArray(scopes)) return config;
  const includeReservedScopes = config.includeReservedScopes ?? true;
  return {
    ...rest,
    prompt,
    scopes: includeReservedScopes
      ? [...new Set([...Object.values(ReservedScope), UserScope.Profile, ...scopes])]
      : scopes,
    resources: scopes.includes(UserScope.Organizations)
      ? [...new Set([...(resources ?? []), ReservedResource.Organization])]
      : resources,
    includeReservedScopes,
  };
}
