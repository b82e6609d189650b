//! The `users` table: accounts and their profiles.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::{AssertSqlSafe, FromRow};

use super::{
    Store, decode_id, flag,
    notifications::{NewNotification, NotificationKind},
    undecodable,
};
use crate::domain::{
    Email, Patch, ProfileChanges, Role, Social, User, UserId, Username, Visibility,
    admin::RequiredAction,
};

/// Columns selected for a [`UserRow`]; every query that builds a user uses this list.
pub(super) const USER_COLUMNS: &str = "id, username, email, name, bio, picture_url, banner_url, \
    website_url, location, date_of_birth, phone_number, skills, social_twitter, \
    social_linkedin, social_instagram, social_github, email_visible, date_of_birth_visible, \
    phone_number_visible, role, enabled, email_verified, referrer_id, created_at, updated_at, \
    followers_count, following_count, referral_code, lists_visible, attributes, \
    required_actions";

/// A `users` row as stored (see the migration for the encoding of each column).
#[derive(Debug, FromRow)]
struct UserRow {
    id: String,
    username: String,
    email: String,
    name: Option<String>,
    bio: Option<String>,
    picture_url: Option<String>,
    banner_url: Option<String>,
    website_url: Option<String>,
    location: Option<String>,
    date_of_birth: Option<String>,
    phone_number: Option<String>,
    skills: String,
    social_twitter: Option<String>,
    social_linkedin: Option<String>,
    social_instagram: Option<String>,
    social_github: Option<String>,
    email_visible: i64,
    date_of_birth_visible: i64,
    phone_number_visible: i64,
    role: String,
    enabled: i64,
    email_verified: i64,
    referrer_id: Option<String>,
    created_at: i64,
    updated_at: i64,
    followers_count: i64,
    following_count: i64,
    referral_code: Option<String>,
    lists_visible: i64,
    attributes: String,
    required_actions: String,
}

/// The user of a row selected with [`USER_COLUMNS`].
pub(super) fn user_of_row(row: &sqlx::any::AnyRow) -> Result<User, sqlx::Error> {
    User::try_from(UserRow::from_row(row)?)
}

fn timestamp(column: &str, ms: i64) -> Result<DateTime<Utc>, sqlx::Error> {
    DateTime::from_timestamp_millis(ms).ok_or_else(|| undecodable(column, "out of range"))
}

impl TryFrom<UserRow> for User {
    type Error = sqlx::Error;

    fn try_from(row: UserRow) -> Result<Self, sqlx::Error> {
        Ok(User {
            id: decode_id("id", &row.id)?,
            username: row.username,
            email: row.email,
            name: row.name,
            bio: row.bio,
            picture_url: row.picture_url,
            banner_url: row.banner_url,
            website_url: row.website_url,
            location: row.location,
            date_of_birth: row
                .date_of_birth
                .map(|d| {
                    NaiveDate::parse_from_str(&d, "%Y-%m-%d")
                        .map_err(|e| undecodable("date_of_birth", format!("`{d}`: {e}")))
                })
                .transpose()?,
            phone_number: row.phone_number,
            skills: serde_json::from_str(&row.skills).map_err(|e| undecodable("skills", e))?,
            social: Social {
                twitter: row.social_twitter,
                linkedin: row.social_linkedin,
                instagram: row.social_instagram,
                github: row.social_github,
            },
            visibility: Visibility {
                email: flag(row.email_visible),
                date_of_birth: flag(row.date_of_birth_visible),
                phone_number: flag(row.phone_number_visible),
                lists: flag(row.lists_visible),
            },
            role: Role::parse(&row.role).map_err(|e| undecodable("role", e))?,
            enabled: flag(row.enabled),
            email_verified: flag(row.email_verified),
            referrer_id: row
                .referrer_id
                .map(|id| decode_id("referrer_id", &id))
                .transpose()?,
            created_at: timestamp("created_at", row.created_at)?,
            updated_at: timestamp("updated_at", row.updated_at)?,
            followers: u64::try_from(row.followers_count)
                .map_err(|e| undecodable("followers_count", e))?,
            following: u64::try_from(row.following_count)
                .map_err(|e| undecodable("following_count", e))?,
            referral_code: row.referral_code,
            attributes: serde_json::from_str(&row.attributes)
                .map_err(|e| undecodable("attributes", e))?,
            required_actions: super::admin::decode_actions(&row.required_actions),
        })
    }
}

/// How a user is looked up.
#[derive(Debug, Clone, Copy)]
pub enum UserKey<'a> {
    /// By username, case-insensitively.
    Username(&'a str),
    /// By id.
    Id(UserId),
}

/// What registration stores.
#[derive(Debug)]
pub struct NewUser<'a> {
    /// New id.
    pub id: UserId,
    /// Validated username.
    pub username: &'a Username,
    /// Validated email.
    pub email: &'a Email,
    /// argon2id PHC string.
    pub password_hash: &'a str,
    /// Optional display name.
    pub name: Option<&'a str>,
    /// Who referred the user.
    pub referrer_id: Option<UserId>,
    /// The new account's own referral code.
    pub referral_code: &'a str,
    /// What the account must do first.
    pub required_actions: &'a [RequiredAction],
}

/// What a login needs to decide.
#[derive(Debug)]
pub struct Credentials {
    /// The account.
    pub user: User,
    /// Its password hash.
    pub password_hash: String,
}

/// Which of a username/email pair is already used by another account.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Taken {
    /// The username is in use.
    pub username: bool,
    /// The email is in use.
    pub email: bool,
}

/// A value bound into a dynamically assembled statement.
pub(super) enum Bind {
    Text(Option<String>),
    Int(i64),
}

/// The `SET` list of an `UPDATE users … WHERE id = $1`, with its bound values. Column names
/// come only from literals in this module and `store::admin`, never from input.
pub(super) struct Assignments {
    assignments: Vec<String>,
    binds: Vec<Bind>,
}

impl Assignments {
    pub(super) fn new(id: UserId) -> Self {
        Self {
            assignments: Vec::new(),
            binds: vec![Bind::Text(Some(id.to_string()))],
        }
    }

    /// Binds a value and returns its placeholder number.
    fn bind(&mut self, value: Bind) -> usize {
        self.binds.push(value);
        self.binds.len()
    }

    fn assign(&mut self, assignment: String) {
        self.assignments.push(assignment);
    }

    pub(super) fn set(&mut self, column: &str, value: Bind) {
        let n = self.bind(value);
        self.assign(format!("{column} = ${n}"));
    }

    /// Adds the assignments of validated profile `changes`.
    pub(super) fn profile(&mut self, changes: &ProfileChanges) {
        let text = |patch: &Patch<String>| match patch {
            Patch::Keep => None,
            Patch::Clear => Some(Bind::Text(None)),
            Patch::Set(value) => Some(Bind::Text(Some(value.clone()))),
        };
        if let Some(username) = &changes.username {
            self.set("username", Bind::Text(Some(username.to_string())));
        }
        if let Some(email) = &changes.email {
            // A new address is unverified; re-sending the same one (any case) keeps the flag.
            let n = self.bind(Bind::Text(Some(email.as_str().to_string())));
            self.assign(format!("email = ${n}"));
            self.assign(format!(
                "email_verified = CASE WHEN lower(email) = lower(${n}) THEN email_verified ELSE 0 END"
            ));
        }
        for (column, patch) in [
            ("name", &changes.name),
            ("bio", &changes.bio),
            ("picture_url", &changes.picture_url),
            ("banner_url", &changes.banner_url),
            ("website_url", &changes.website_url),
            ("location", &changes.location),
            ("phone_number", &changes.phone_number),
            ("social_twitter", &changes.twitter),
            ("social_linkedin", &changes.linkedin),
            ("social_instagram", &changes.instagram),
            ("social_github", &changes.github),
        ] {
            if let Some(value) = text(patch) {
                self.set(column, value);
            }
        }
        if let Some(value) = text(&changes.date_of_birth.clone().map(|d| d.to_string())) {
            self.set("date_of_birth", value);
        }
        if let Some(skills) = &changes.skills {
            let json = serde_json::to_string(skills.as_slice()).expect("strings serialise");
            self.set("skills", Bind::Text(Some(json)));
        }
        for (column, value) in [
            ("email_visible", changes.email_visible),
            ("date_of_birth_visible", changes.date_of_birth_visible),
            ("phone_number_visible", changes.phone_number_visible),
            ("lists_visible", changes.lists_visible),
        ] {
            if let Some(value) = value {
                self.set(column, Bind::Int(i64::from(value)));
            }
        }
    }

    /// Whether nothing is assigned.
    pub(super) fn is_empty(&self) -> bool {
        self.assignments.is_empty()
    }

    /// Runs the update in `tx` (with `updated_at = now`) and returns the updated user
    /// (`None` if the account no longer exists). Unique violations surface as errors.
    pub(super) async fn apply(
        mut self,
        tx: &mut sqlx::Transaction<'static, sqlx::Any>,
        now: i64,
    ) -> Result<Option<User>, sqlx::Error> {
        self.set("updated_at", Bind::Int(now));
        let sql = format!(
            "UPDATE users SET {} WHERE id = $1 RETURNING {USER_COLUMNS}",
            self.assignments.join(", ")
        );
        let mut query = sqlx::query_as::<_, UserRow>(AssertSqlSafe(sql));
        for bind in self.binds {
            query = match bind {
                Bind::Text(value) => query.bind(value),
                Bind::Int(value) => query.bind(value),
            };
        }
        query
            .fetch_optional(&mut **tx)
            .await?
            .map(User::try_from)
            .transpose()
    }
}

impl Store {
    /// Inserts a new account. A unique violation means the username or email is taken.
    pub async fn insert_user(&self, user: &NewUser<'_>, now: i64) -> Result<(), sqlx::Error> {
        let mut tx = self.begin_write().await?;
        sqlx::query(
            "INSERT INTO users (id, username, email, password_hash, name, referrer_id, \
             referral_code, created_at, updated_at, required_actions) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8, $9)",
        )
        .bind(user.id.to_string())
        .bind(user.username.as_str())
        .bind(user.email.as_str())
        .bind(user.password_hash)
        .bind(user.name)
        .bind(user.referrer_id.map(|id| id.to_string()))
        .bind(user.referral_code)
        .bind(now)
        .bind(super::admin::encode_actions(user.required_actions))
        .execute(&mut *tx)
        .await?;
        if let Some(referrer) = user.referrer_id {
            super::notifications::insert_notifications(
                &mut tx,
                &[NewNotification {
                    user_id: referrer,
                    kind: NotificationKind::ReferralJoined,
                    actor_id: Some(user.id),
                    data: serde_json::json!({ "username": user.username.as_str() }),
                    dedupe_key: Some(format!("referred:{}", user.id)),
                }],
                now,
            )
            .await?;
        }
        // The referrer's inbox changed (the unread count is cached).
        self.commit_announcing(tx, user.referrer_id.as_slice())
            .await
    }

    /// Which of `username`/`email` another account (not `except`) already uses.
    pub async fn taken(
        &self,
        username: Option<&str>,
        email: Option<&str>,
        except: Option<UserId>,
    ) -> Result<Taken, sqlx::Error> {
        let except = except.map(|id| id.to_string()).unwrap_or_default();
        let (username_taken, email_taken): (i64, i64) = sqlx::query_as(
            "SELECT \
               CAST(COALESCE(SUM(CASE WHEN lower(username) = lower($1) THEN 1 ELSE 0 END), 0) AS BIGINT), \
               CAST(COALESCE(SUM(CASE WHEN lower(email) = lower($2) THEN 1 ELSE 0 END), 0) AS BIGINT) \
             FROM users WHERE (lower(username) = lower($1) OR lower(email) = lower($2)) AND id <> $3",
        )
        .bind(username.unwrap_or_default())
        .bind(email.unwrap_or_default())
        .bind(except)
        .fetch_one(self.pool())
        .await?;
        Ok(Taken {
            username: username.is_some() && username_taken > 0,
            email: email.is_some() && email_taken > 0,
        })
    }

    /// The account with this id.
    pub async fn user_by_id(&self, id: UserId) -> Result<Option<User>, sqlx::Error> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE id = $1");
        let row: Option<UserRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(id.to_string())
            .fetch_optional(self.pool())
            .await?;
        row.map(User::try_from).transpose()
    }

    /// The account with this username, compared case-insensitively.
    pub async fn user_by_username(&self, username: &str) -> Result<Option<User>, sqlx::Error> {
        let sql = format!("SELECT {USER_COLUMNS} FROM users WHERE lower(username) = lower($1)");
        let row: Option<UserRow> = sqlx::query_as(AssertSqlSafe(sql))
            .bind(username)
            .fetch_optional(self.pool())
            .await?;
        row.map(User::try_from).transpose()
    }

    /// The account named `username` (case-insensitively) — or with id `id` — together with
    /// its linked handles, in one round trip: what every public view of a user is made of.
    /// (`users` and `rating_handles` share no column name, so the join needs no aliases.)
    pub async fn user_with_links(
        &self,
        key: UserKey<'_>,
    ) -> Result<Option<(User, Vec<crate::domain::ratings::Link>)>, sqlx::Error> {
        use sqlx::Row;
        let (condition, value) = match key {
            UserKey::Username(name) => ("lower(users.username) = lower($1)", name.to_string()),
            UserKey::Id(id) => ("users.id = $1", id.to_string()),
        };
        let sql = format!(
            "SELECT {USER_COLUMNS}, {} FROM users \
             LEFT JOIN rating_handles ON rating_handles.user_id = users.id \
             WHERE {condition} ORDER BY platform",
            super::ratings::HANDLE_COLUMNS
        );
        let rows = sqlx::query(AssertSqlSafe(sql))
            .bind(value)
            .fetch_all(self.pool())
            .await?;
        let Some(first) = rows.first() else {
            return Ok(None);
        };
        let user = User::try_from(UserRow::from_row(first)?)?;
        let mut links = Vec::with_capacity(rows.len());
        for row in &rows {
            if row.try_get::<Option<String>, _>("platform")?.is_some() {
                links.push(super::ratings::link(row)?);
            }
        }
        Ok(Some((user, links)))
    }

    /// The account whose username or email is `login` (case-insensitively), with its hash.
    /// Usernames cannot contain `@` and emails must, so at most one account matches.
    pub async fn credentials_by_login(
        &self,
        login: &str,
    ) -> Result<Option<Credentials>, sqlx::Error> {
        let sql = format!(
            "SELECT {USER_COLUMNS}, password_hash FROM users \
             WHERE lower(username) = lower($1) OR lower(email) = lower($1)"
        );
        let row = sqlx::query(AssertSqlSafe(sql))
            .bind(login)
            .fetch_optional(self.pool())
            .await?;
        row.map(|row| {
            use sqlx::Row;
            Ok(Credentials {
                password_hash: row.try_get("password_hash")?,
                user: UserRow::from_row(&row)?.try_into()?,
            })
        })
        .transpose()
    }

    /// Applies validated profile changes in one statement and returns the updated user
    /// (`None` if the account no longer exists). Unique violations surface as errors.
    pub async fn update_profile(
        &self,
        id: UserId,
        changes: &ProfileChanges,
        now: i64,
    ) -> Result<Option<User>, sqlx::Error> {
        let mut update = Assignments::new(id);
        update.profile(changes);
        let mut tx = self.begin_write().await?;
        // Submitting one's profile (even unchanged) is what UPDATE_PROFILE asks for.
        let completed =
            super::admin::complete_action(&mut tx, id, RequiredAction::UpdateProfile).await?;
        if update.is_empty() {
            if completed {
                self.commit_announcing(tx, &[id]).await?;
            } else {
                tx.commit().await?;
            }
            return self.user_by_id(id).await;
        }
        let Some(user) = update.apply(&mut tx, now).await? else {
            return Ok(None);
        };
        self.commit_announcing(tx, &[id]).await?;
        Ok(Some(user))
    }

    /// Deletes an account; its sessions and tokens go with it (foreign-key cascades) and
    /// the users it referred keep their accounts. Returns whether it existed.
    pub async fn delete_user(&self, id: UserId) -> Result<bool, sqlx::Error> {
        let tx = self.begin_write().await?;
        self.delete_user_in(tx, id, None).await
    }

    /// Deletes `id` in `tx`, records `audit` there when the account existed, commits and
    /// announces. Returns whether it existed.
    pub(super) async fn delete_user_in(
        &self,
        mut tx: sqlx::Transaction<'static, sqlx::Any>,
        id: UserId,
        audit: Option<&super::admin::NewAudit<'_>>,
    ) -> Result<bool, sqlx::Error> {
        // The follows go with the account (ON DELETE CASCADE); the counts of the people on
        // their other ends change with them, in this transaction.
        let touched = super::social::drop_follows_of(&mut tx, id).await?;
        // Off every board first (the rank counts move with the entries).
        sqlx::query("UPDATE users SET enabled = 0 WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?;
        self.sync_boards(&mut tx, &[id]).await?;
        let deleted = sqlx::query("DELETE FROM users WHERE id = $1")
            .bind(id.to_string())
            .execute(&mut *tx)
            .await?
            .rows_affected()
            > 0;
        if let Some(audit) = audit.filter(|_| deleted) {
            super::admin::record_audit(&mut tx, audit).await?;
        }
        let mut changed = touched;
        changed.push(id);
        self.commit_announcing(tx, &changed).await?;
        Ok(deleted)
    }

    /// Marks the user's email address verified or not. Returns whether the user exists.
    pub async fn set_email_verified(
        &self,
        id: UserId,
        verified: bool,
    ) -> Result<bool, sqlx::Error> {
        let mut tx = self.begin_write().await?;
        let result = sqlx::query("UPDATE users SET email_verified = $2 WHERE id = $1")
            .bind(id.to_string())
            .bind(i64::from(verified))
            .execute(&mut *tx)
            .await?;
        self.commit_announcing(tx, &[id]).await?;
        Ok(result.rows_affected() > 0)
    }

    /// How many users `referrer` has referred.
    pub async fn referral_count(&self, referrer: UserId) -> Result<i64, sqlx::Error> {
        sqlx::query_scalar("SELECT COUNT(*) FROM users WHERE referrer_id = $1")
            .bind(referrer.to_string())
            .fetch_one(self.pool())
            .await
    }

    /// The account whose referral code is `code` (stored upper case).
    pub async fn user_id_by_referral_code(
        &self,
        code: &str,
    ) -> Result<Option<UserId>, sqlx::Error> {
        let id: Option<String> =
            sqlx::query_scalar("SELECT id FROM users WHERE referral_code = $1")
                .bind(code)
                .fetch_optional(self.pool())
                .await?;
        id.map(|id| decode_id("id", &id)).transpose()
    }

    /// Gives every account without a referral code one (accounts made before codes
    /// existed). Returns how many were given one.
    pub async fn backfill_referral_codes(
        &self,
        new_code: impl Fn() -> String,
    ) -> Result<u64, sqlx::Error> {
        let ids: Vec<String> =
            sqlx::query_scalar("SELECT id FROM users WHERE referral_code IS NULL")
                .fetch_all(self.pool())
                .await?;
        if ids.is_empty() {
            return Ok(0);
        }
        // One transaction: one commit (one fsync on SQLite) for all of them.
        let mut tx = self.begin_write().await?;
        let mut filled = 0;
        for id in ids {
            filled += sqlx::query(
                "UPDATE users SET referral_code = $2 WHERE id = $1 AND referral_code IS NULL",
            )
            .bind(id)
            .bind(new_code())
            .execute(&mut *tx)
            .await?
            .rows_affected();
        }
        tx.commit().await?;
        Ok(filled)
    }

    /// A keyset page of the users `referrer` referred, newest first.
    pub async fn referrals_page(
        &self,
        referrer: UserId,
        page: &crate::domain::page::PageRequest,
    ) -> Result<crate::domain::page::Page<Referral>, sqlx::Error> {
        let after = super::after_row(&["created_at", "id"], page.after.is_some(), 2);
        let limit = if page.after.is_some() { 4 } else { 2 };
        let sql = format!(
            "SELECT {REFERRAL_COLUMNS} FROM users \
             WHERE referrer_id = $1{after} ORDER BY created_at DESC, id DESC LIMIT ${limit}"
        );
        let mut query = sqlx::query(AssertSqlSafe(sql)).bind(referrer.to_string());
        if let Some(position) = page.after.clone() {
            query = query.bind(position.at).bind(position.id);
        }
        let rows = query
            .bind(page.rows_to_read())
            .fetch_all(self.pool())
            .await?;
        let referrals = rows.iter().map(referral).collect::<Result<Vec<_>, _>>()?;
        Ok(page.page(referrals, |r| crate::domain::page::Position {
            at: r.joined_at,
            id: r.id.to_string(),
        }))
    }

    /// `limit` of the users `referrer` referred after skipping `offset`, newest first (for
    /// clients that page by number).
    pub async fn referrals_at_offset(
        &self,
        referrer: UserId,
        offset: i64,
        limit: i64,
    ) -> Result<Vec<Referral>, sqlx::Error> {
        let sql = format!(
            "SELECT {REFERRAL_COLUMNS} FROM users \
             WHERE referrer_id = $1 ORDER BY created_at DESC, id DESC LIMIT $2 OFFSET $3"
        );
        sqlx::query(AssertSqlSafe(sql))
            .bind(referrer.to_string())
            .bind(limit)
            .bind(offset)
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(referral)
            .collect()
    }
}

/// Columns selected for a [`Referral`].
const REFERRAL_COLUMNS: &str = "id, username, name, email_verified, created_at";

fn referral(row: &sqlx::any::AnyRow) -> Result<Referral, sqlx::Error> {
    use sqlx::Row;
    Ok(Referral {
        id: decode_id("id", &row.try_get::<String, _>("id")?)?,
        username: row.try_get("username")?,
        name: row.try_get("name")?,
        email_verified: flag(row.try_get("email_verified")?),
        joined_at: row.try_get("created_at")?,
    })
}

/// Someone who joined through a referral.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Referral {
    /// Their id.
    pub id: UserId,
    /// Their username.
    pub username: String,
    /// Their display name.
    pub name: Option<String>,
    /// Whether they verified their email address.
    pub email_verified: bool,
    /// When they registered, epoch ms.
    pub joined_at: i64,
}

/// A user as listings of other users show them (followers, following).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UserSummary {
    /// Their username.
    pub username: String,
    /// Their display name.
    pub name: Option<String>,
    /// Their avatar.
    pub picture_url: Option<String>,
}

impl UserSummary {
    /// Roughly what it holds in memory, for the profile cache's budget.
    pub(crate) fn bytes(&self) -> usize {
        std::mem::size_of::<Self>()
            + self.username.len()
            + self.name.as_ref().map_or(0, String::len)
            + self.picture_url.as_ref().map_or(0, String::len)
    }
}

impl Store {
    /// The summaries of those of `ids` that name an account (in no particular order).
    pub async fn user_summaries(
        &self,
        ids: &[UserId],
    ) -> Result<Vec<(UserId, UserSummary)>, sqlx::Error> {
        if ids.is_empty() {
            return Ok(Vec::new());
        }
        let sql = format!(
            "SELECT id, username, name, picture_url FROM users WHERE id IN ({})",
            super::placeholders(1, ids.len())
        );
        let mut query = sqlx::query(AssertSqlSafe(sql));
        for id in ids {
            query = query.bind(id.to_string());
        }
        query
            .fetch_all(self.pool())
            .await?
            .iter()
            .map(|row| {
                use sqlx::Row as _;
                Ok((
                    decode_id("id", &row.try_get::<String, _>("id")?)?,
                    UserSummary {
                        username: row.try_get("username")?,
                        name: row.try_get("name")?,
                        picture_url: row.try_get("picture_url")?,
                    },
                ))
            })
            .collect()
    }
}
