// The enums and organization URN helpers @logto/browser re-exports from @logto/js and
// @logto/client: plain objects with the same values, as TypeScript compiles Logto's enums.

export const Prompt = { None: 'none', Consent: 'consent', Login: 'login' };

export const ReservedScope = { OpenId: 'openid', OfflineAccess: 'offline_access' };

export const ReservedResource = { Organization: 'urn:logto:resource:organizations' };

export const UserScope = {
  Profile: 'profile',
  Email: 'email',
  Phone: 'phone',
  Address: 'address',
  CustomData: 'custom_data',
  Identities: 'identities',
  Roles: 'roles',
  Organizations: 'urn:logto:scope:organizations',
  OrganizationRoles: 'urn:logto:scope:organization_roles',
  Sessions: 'urn:logto:scope:sessions',
};

// The storage keys under `logto:{appId}:`.
export const PersistKey = {
  IdToken: 'idToken',
  RefreshToken: 'refreshToken',
  AccessToken: 'accessToken',
  SignInSession: 'signInSession',
};

export const organizationUrnPrefix = 'urn:logto:organization:';

export const buildOrganizationUrn = (organizationId) => `${organizationUrnPrefix}${organizationId}`;

export const getOrganizationIdFromUrn = (urn) => {
  if (!urn.startsWith(organizationUrnPrefix)) throw new TypeError('Invalid organization URN.');
  return urn.slice(organizationUrnPrefix.length);
};
