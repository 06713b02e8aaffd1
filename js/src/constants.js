// The enums @logto/browser re-exports from @logto/js, as frozen objects with the same values.

export const Prompt = Object.freeze({ None: 'none', Consent: 'consent', Login: 'login' });

export const ReservedScope = Object.freeze({
  OpenId: 'openid',
  OfflineAccess: 'offline_access',
});

export const ReservedResource = Object.freeze({
  Organization: 'urn:logto:resource:organizations',
});

export const UserScope = Object.freeze({
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
});
