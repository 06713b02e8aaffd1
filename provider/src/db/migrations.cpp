#include "db/migrations.hpp"

#include <string>
#include <vector>

namespace provider::db {
namespace {

// Never edit a migration that has shipped: add a new one.
const std::vector<const char*>& migrations() {
  static const std::vector<const char*> list = {
      // 1: the OIDC core.
      R"sql(
      CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE applications (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        type TEXT NOT NULL CHECK (type IN ('spa', 'native', 'traditional')),
        redirect_uris TEXT NOT NULL,
        post_logout_redirect_uris TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE resources (
        indicator TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE users (
        id TEXT PRIMARY KEY,
        username TEXT UNIQUE,
        phone TEXT UNIQUE,
        name TEXT,
        password_hash TEXT,
        phone_verified INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE signing_keys (
        kid TEXT PRIMARY KEY,
        alg TEXT NOT NULL,
        private_jwk TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        retired_at INTEGER
      );
      CREATE TABLE sessions (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        auth_time INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE interactions (
        id TEXT PRIMARY KEY,
        params TEXT NOT NULL,
        created_at INTEGER NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE TABLE grants (
        id TEXT PRIMARY KEY,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        client_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
        scope TEXT NOT NULL,
        auth_time INTEGER NOT NULL,
        revoked INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE TABLE authorization_codes (
        code_hash TEXT PRIMARY KEY,
        grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
        redirect_uri TEXT NOT NULL,
        code_challenge TEXT NOT NULL,
        resource TEXT,
        nonce TEXT,
        expires_at INTEGER NOT NULL,
        used INTEGER NOT NULL DEFAULT 0
      );
      CREATE TABLE refresh_tokens (
        token_hash TEXT PRIMARY KEY,
        grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
        expires_at INTEGER NOT NULL,
        rotated_at INTEGER,
        revoked INTEGER NOT NULL DEFAULT 0
      );
      CREATE INDEX refresh_tokens_grant ON refresh_tokens(grant_id);
      )sql",
      // 2: secrets of confidential (traditional) applications, stored as SHA-256.
      R"sql(
      ALTER TABLE applications ADD COLUMN secret_hash TEXT;
      )sql",
      // 3: SMS connectors, one-time codes and the send log behind the rate limits.
      R"sql(
      CREATE TABLE connectors (
        name TEXT PRIMARY KEY,
        config TEXT NOT NULL,
        updated_at INTEGER NOT NULL
      );
      CREATE TABLE verification_codes (
        id TEXT PRIMARY KEY,
        interaction_id TEXT NOT NULL,
        phone TEXT NOT NULL,
        usage TEXT NOT NULL,
        code_hash TEXT NOT NULL,
        attempts INTEGER NOT NULL DEFAULT 0,
        expires_at INTEGER NOT NULL,
        used INTEGER NOT NULL DEFAULT 0,
        created_at INTEGER NOT NULL
      );
      CREATE INDEX verification_codes_lookup ON verification_codes(interaction_id, phone, usage);
      CREATE TABLE sms_sends (phone TEXT NOT NULL, ip TEXT NOT NULL, sent_at INTEGER NOT NULL);
      CREATE INDEX sms_sends_phone ON sms_sends(phone, sent_at);
      CREATE INDEX sms_sends_ip ON sms_sends(ip, sent_at);
      )sql",
      // 4: bounded data. Every kind of expiring row gets an index on its expiry for the
      // sweeper; grants get theirs (until when anything issued from them may be presented);
      // interactions record the address that opened them, for the cap on open ones.
      R"sql(
      ALTER TABLE grants ADD COLUMN expires_at INTEGER NOT NULL DEFAULT 0;
      UPDATE grants SET expires_at = MAX(created_at + 4200,
        COALESCE((SELECT MAX(expires_at) FROM refresh_tokens WHERE grant_id = grants.id), 0));
      ALTER TABLE interactions ADD COLUMN ip TEXT NOT NULL DEFAULT '';
      CREATE INDEX interactions_ip ON interactions(ip, expires_at);
      CREATE INDEX interactions_expiry ON interactions(expires_at);
      CREATE INDEX sessions_expiry ON sessions(expires_at);
      CREATE INDEX grants_expiry ON grants(expires_at);
      CREATE INDEX authorization_codes_expiry ON authorization_codes(expires_at);
      CREATE INDEX authorization_codes_grant ON authorization_codes(grant_id);
      CREATE INDEX refresh_tokens_expiry ON refresh_tokens(expires_at);
      CREATE INDEX verification_codes_expiry ON verification_codes(expires_at);
      CREATE INDEX sms_sends_time ON sms_sends(sent_at);
      )sql",
      // 5: limits on guessing passwords and codes: failures per account or address, and the
      // lockouts they started (store/lockouts.hpp).
      R"sql(
      CREATE TABLE guess_failures (key TEXT NOT NULL, at INTEGER NOT NULL,
                                   pending INTEGER NOT NULL DEFAULT 1);
      CREATE INDEX guess_failures_key ON guess_failures(key, at);
      CREATE INDEX guess_failures_at ON guess_failures(at);
      CREATE TABLE lockouts (key TEXT PRIMARY KEY, until INTEGER NOT NULL);
      CREATE INDEX lockouts_until ON lockouts(until);
      )sql",
      // API authorization (docs/provider.md, "Resources, roles and organizations"): resource
      // permissions, user roles holding them, and organizations with their own template of
      // roles and permissions. A grant keeps the resources and the non-OIDC scope words its
      // authorization request named; what a token gets of them is decided when it is minted.
      R"sql(
      ALTER TABLE resources ADD COLUMN id TEXT NOT NULL DEFAULT '';
      UPDATE resources SET id = lower(hex(randomblob(10)));
      CREATE UNIQUE INDEX resources_id ON resources(id);
      CREATE TABLE resource_scopes (
        id TEXT PRIMARY KEY,
        resource TEXT NOT NULL REFERENCES resources(indicator) ON DELETE CASCADE,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL,
        UNIQUE (resource, name)
      );
      CREATE TABLE roles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      );
      CREATE TABLE role_scopes (
        role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        scope_id TEXT NOT NULL REFERENCES resource_scopes(id) ON DELETE CASCADE,
        PRIMARY KEY (role_id, scope_id)
      );
      CREATE INDEX role_scopes_scope ON role_scopes(scope_id);
      CREATE TABLE user_roles (
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
        PRIMARY KEY (user_id, role_id)
      );
      CREATE INDEX user_roles_role ON user_roles(role_id);
      CREATE TABLE organizations (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL,
        description TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      );
      CREATE TABLE organization_scopes (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      );
      CREATE TABLE organization_roles (
        id TEXT PRIMARY KEY,
        name TEXT NOT NULL UNIQUE,
        description TEXT NOT NULL DEFAULT '',
        created_at INTEGER NOT NULL
      );
      CREATE TABLE organization_role_scopes (
        role_id TEXT NOT NULL REFERENCES organization_roles(id) ON DELETE CASCADE,
        scope_id TEXT NOT NULL REFERENCES organization_scopes(id) ON DELETE CASCADE,
        PRIMARY KEY (role_id, scope_id)
      );
      CREATE INDEX organization_role_scopes_scope ON organization_role_scopes(scope_id);
      CREATE TABLE organization_members (
        organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
        user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
        created_at INTEGER NOT NULL,
        PRIMARY KEY (organization_id, user_id)
      );
      CREATE INDEX organization_members_user ON organization_members(user_id);
      CREATE TABLE organization_member_roles (
        organization_id TEXT NOT NULL,
        user_id TEXT NOT NULL,
        role_id TEXT NOT NULL REFERENCES organization_roles(id) ON DELETE CASCADE,
        PRIMARY KEY (organization_id, user_id, role_id),
        FOREIGN KEY (organization_id, user_id)
          REFERENCES organization_members(organization_id, user_id) ON DELETE CASCADE
      );
      CREATE INDEX organization_member_roles_role ON organization_member_roles(role_id);
      ALTER TABLE grants ADD COLUMN resources TEXT NOT NULL DEFAULT '';
      ALTER TABLE grants ADD COLUMN extra_scope TEXT NOT NULL DEFAULT '';
      )sql",
      // 7: opaque access tokens for /oidc/me, as Logto issues them for no resource (the
      // userinfo token): stored as SHA-256 hashes, one row each until it expires.
      R"sql(
      CREATE TABLE access_tokens (
        token_hash TEXT PRIMARY KEY,
        grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
        scope TEXT NOT NULL,
        expires_at INTEGER NOT NULL
      );
      CREATE INDEX access_tokens_grant ON access_tokens(grant_id);
      CREATE INDEX access_tokens_expiry ON access_tokens(expires_at);
      )sql",
  };
  return list;
}

// PostgreSQL (db/postgres.hpp) starts at the schema the SQLite migrations above reach, in its
// own types: 64-bit integers, and an identity column `rowid` where the store reads SQLite's
// implicit one (insertion order, a failure row's id). A migration added above is added here
// too, under the same number.
const char* kPostgresBaseline = R"sql(
  CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE applications (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    type TEXT NOT NULL CHECK (type IN ('spa', 'native', 'traditional')),
    redirect_uris TEXT NOT NULL,
    post_logout_redirect_uris TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    secret_hash TEXT
  );
  CREATE TABLE resources (
    indicator TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    id TEXT NOT NULL UNIQUE
  );
  CREATE TABLE users (
    id TEXT PRIMARY KEY,
    username TEXT UNIQUE,
    phone TEXT UNIQUE,
    name TEXT,
    password_hash TEXT,
    phone_verified BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
  );
  CREATE TABLE signing_keys (
    kid TEXT PRIMARY KEY,
    alg TEXT NOT NULL,
    private_jwk TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    retired_at BIGINT,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY
  );
  CREATE TABLE sessions (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    auth_time BIGINT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE TABLE interactions (
    id TEXT PRIMARY KEY,
    params TEXT NOT NULL,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL,
    ip TEXT NOT NULL DEFAULT ''
  );
  CREATE TABLE grants (
    id TEXT PRIMARY KEY,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    client_id TEXT NOT NULL REFERENCES applications(id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    auth_time BIGINT NOT NULL,
    revoked BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL,
    expires_at BIGINT NOT NULL DEFAULT 0,
    resources TEXT NOT NULL DEFAULT '',
    extra_scope TEXT NOT NULL DEFAULT ''
  );
  CREATE TABLE authorization_codes (
    code_hash TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    redirect_uri TEXT NOT NULL,
    code_challenge TEXT NOT NULL,
    resource TEXT,
    nonce TEXT,
    expires_at BIGINT NOT NULL,
    used BIGINT NOT NULL DEFAULT 0
  );
  CREATE TABLE refresh_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    expires_at BIGINT NOT NULL,
    rotated_at BIGINT,
    revoked BIGINT NOT NULL DEFAULT 0
  );
  CREATE INDEX refresh_tokens_grant ON refresh_tokens(grant_id);
  CREATE TABLE connectors (
    name TEXT PRIMARY KEY,
    config TEXT NOT NULL,
    updated_at BIGINT NOT NULL
  );
  CREATE TABLE verification_codes (
    id TEXT PRIMARY KEY,
    interaction_id TEXT NOT NULL,
    phone TEXT NOT NULL,
    usage TEXT NOT NULL,
    code_hash TEXT NOT NULL,
    attempts BIGINT NOT NULL DEFAULT 0,
    expires_at BIGINT NOT NULL,
    used BIGINT NOT NULL DEFAULT 0,
    created_at BIGINT NOT NULL
  );
  CREATE INDEX verification_codes_lookup ON verification_codes(interaction_id, phone, usage);
  CREATE TABLE sms_sends (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    phone TEXT NOT NULL,
    ip TEXT NOT NULL,
    sent_at BIGINT NOT NULL
  );
  CREATE INDEX sms_sends_phone ON sms_sends(phone, sent_at);
  CREATE INDEX sms_sends_ip ON sms_sends(ip, sent_at);
  CREATE INDEX interactions_ip ON interactions(ip, expires_at);
  CREATE INDEX interactions_expiry ON interactions(expires_at);
  CREATE INDEX sessions_expiry ON sessions(expires_at);
  CREATE INDEX grants_expiry ON grants(expires_at);
  CREATE INDEX authorization_codes_expiry ON authorization_codes(expires_at);
  CREATE INDEX authorization_codes_grant ON authorization_codes(grant_id);
  CREATE INDEX refresh_tokens_expiry ON refresh_tokens(expires_at);
  CREATE INDEX verification_codes_expiry ON verification_codes(expires_at);
  CREATE INDEX sms_sends_time ON sms_sends(sent_at);
  CREATE TABLE guess_failures (
    rowid BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    key TEXT NOT NULL,
    at BIGINT NOT NULL,
    pending BIGINT NOT NULL DEFAULT 1
  );
  CREATE INDEX guess_failures_key ON guess_failures(key, at);
  CREATE INDEX guess_failures_at ON guess_failures(at);
  CREATE TABLE lockouts (key TEXT PRIMARY KEY, until BIGINT NOT NULL);
  CREATE INDEX lockouts_until ON lockouts(until);
  CREATE TABLE resource_scopes (
    id TEXT PRIMARY KEY,
    resource TEXT NOT NULL REFERENCES resources(indicator) ON DELETE CASCADE,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL,
    UNIQUE (resource, name)
  );
  CREATE TABLE roles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
  );
  CREATE TABLE role_scopes (
    role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    scope_id TEXT NOT NULL REFERENCES resource_scopes(id) ON DELETE CASCADE,
    PRIMARY KEY (role_id, scope_id)
  );
  CREATE INDEX role_scopes_scope ON role_scopes(scope_id);
  CREATE TABLE user_roles (
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    role_id TEXT NOT NULL REFERENCES roles(id) ON DELETE CASCADE,
    PRIMARY KEY (user_id, role_id)
  );
  CREATE INDEX user_roles_role ON user_roles(role_id);
  CREATE TABLE organizations (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
  );
  CREATE TABLE organization_scopes (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
  );
  CREATE TABLE organization_roles (
    id TEXT PRIMARY KEY,
    name TEXT NOT NULL UNIQUE,
    description TEXT NOT NULL DEFAULT '',
    created_at BIGINT NOT NULL
  );
  CREATE TABLE organization_role_scopes (
    role_id TEXT NOT NULL REFERENCES organization_roles(id) ON DELETE CASCADE,
    scope_id TEXT NOT NULL REFERENCES organization_scopes(id) ON DELETE CASCADE,
    PRIMARY KEY (role_id, scope_id)
  );
  CREATE INDEX organization_role_scopes_scope ON organization_role_scopes(scope_id);
  CREATE TABLE organization_members (
    organization_id TEXT NOT NULL REFERENCES organizations(id) ON DELETE CASCADE,
    user_id TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    created_at BIGINT NOT NULL,
    rowid BIGINT GENERATED ALWAYS AS IDENTITY,
    PRIMARY KEY (organization_id, user_id)
  );
  CREATE INDEX organization_members_user ON organization_members(user_id);
  CREATE TABLE organization_member_roles (
    organization_id TEXT NOT NULL,
    user_id TEXT NOT NULL,
    role_id TEXT NOT NULL REFERENCES organization_roles(id) ON DELETE CASCADE,
    PRIMARY KEY (organization_id, user_id, role_id),
    FOREIGN KEY (organization_id, user_id)
      REFERENCES organization_members(organization_id, user_id) ON DELETE CASCADE
  );
  CREATE INDEX organization_member_roles_role ON organization_member_roles(role_id);
  CREATE TABLE access_tokens (
    token_hash TEXT PRIMARY KEY,
    grant_id TEXT NOT NULL REFERENCES grants(id) ON DELETE CASCADE,
    scope TEXT NOT NULL,
    expires_at BIGINT NOT NULL
  );
  CREATE INDEX access_tokens_grant ON access_tokens(grant_id);
  CREATE INDEX access_tokens_expiry ON access_tokens(expires_at);
)sql";
constexpr int kPostgresBaselineVersion = 7;

// Migrations after the baseline, in PostgreSQL's dialect: entry k is version baseline + 1 + k.
const std::vector<const char*>& postgres_migrations() {
  static const std::vector<const char*> list = {};
  return list;
}

void check_not_newer(int current) {
  if (current > schema_version()) {
    throw Error("the database has schema version " + std::to_string(current) +
                ", newer than this provider (" + std::to_string(schema_version()) +
                "); use a newer provider or another database");
  }
}

void migrate_postgres(Database& db) {
  if (kPostgresBaselineVersion + static_cast<int>(postgres_migrations().size()) !=
      schema_version()) {
    throw Error("internal: the PostgreSQL migrations do not reach the SQLite schema version");
  }
  // Instances starting at once against a new database: one migrates, the others wait here and
  // then find nothing to do (the lock is taken before the transaction begins; AdvisoryLock).
  AdvisoryLock lock(db, 7310001);
  db.transaction([&] {
    db.exec("CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL)");
    auto version = db.prepare("SELECT MAX(version) FROM schema_version");
    version.step();
    int current = version.is_null(0) ? 0 : static_cast<int>(version.integer(0));
    check_not_newer(current);
    if (current == 0) {
      db.exec(kPostgresBaseline);
      current = kPostgresBaselineVersion;
    }
    for (int v = current; v < schema_version(); ++v) {
      db.exec(postgres_migrations()[static_cast<size_t>(v - kPostgresBaselineVersion)]);
    }
    db.exec("DELETE FROM schema_version");
    db.prepare("INSERT INTO schema_version (version) VALUES (?)")
        .bind(1, int64_t{schema_version()})
        .run();
  });
}

}  // namespace

int schema_version() {
  return static_cast<int>(migrations().size());
}

void migrate(Database& db) {
  if (db.dialect() == Dialect::Postgres) return migrate_postgres(db);
  auto version_stmt = db.prepare("PRAGMA user_version");
  version_stmt.step();
  int current = static_cast<int>(version_stmt.integer(0));
  check_not_newer(current);
  for (int v = current; v < schema_version(); ++v) {
    db.transaction([&] {
      db.exec(migrations()[static_cast<size_t>(v)]);
      db.exec("PRAGMA user_version = " + std::to_string(v + 1));
    });
  }
}

}  // namespace provider::db
