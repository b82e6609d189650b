//! Public profiles at memory speed: every public view of a user (`GET /v1/profiles/{u}`,
//! the public `GET /v1/users/{id}`, Digitomize's `GET /user/profile/{u}`) is served from an
//! in-process cache of the **serialised** body, with its `ETag`.
//!
//! Correctness rests on three rules:
//! - **Nothing goes around it.** Every write that changes what a profile shows is made by the
//!   store, which reports the users it changed right after its commit
//!   ([`ProfileChangeSink`]); the entry is gone before the write's response is sent.
//! - **No stale fill.** A miss reads the database and then inserts, but a write may commit
//!   in between. Each user maps to a stripe with a generation that every invalidation bumps
//!   (under the stripe's lock); a fill is only admitted if the generation it saw before its
//!   read is still current. A fill whose user was unknown before the read (a miss by name)
//!   is checked against a global epoch instead.
//! - **Other instances.** On PostgreSQL, writes also `NOTIFY` every instance; a listener
//!   applies them. While the listener is not connected, this instance bypasses its cache
//!   (reads go to the database) and flushes it when the listener is back, because
//!   notifications sent meanwhile are lost.
//!
//! A time-to-live bounds the damage of anything that writes without telling us (another
//! process on the same SQLite file, such as a `refresh-ratings` cron job).
//!
//! Usernames are looked up through a name → id index that may be stale after a rename; a
//! body is only served for a name it was rendered for, so a stale index entry costs a miss,
//! never a wrong profile.
//!
//! The listings a profile shows (followers, following, item lists) are cached under the
//! same rules, as pages of their owner (`ProfileListing`): every write that changes one
//! already announces its owner. What a listing shows of *other* users (their name and
//! avatar) is not kept in its pages but in a `UserSummary` per user, cached under that
//! user's own generation, so a rename reaches every page that lists them at once without
//! announcing a thousand owners.
//!
//! Leaderboard pages and standings are cached too. They depend on many users at once, so
//! they are kept under the global epoch, which every invalidation bumps: an entry is only
//! served while no user changed since it was read (`BoardSlot`). Every write that changes
//! a board (a rating, a link, a rename, a deletion) already announces its user.
//!
//! Two private facts per user live here too, under the same generation: their live
//! sessions (so that an authenticated request costs no query) and their unread count.
//! Every session revocation and every inbox change announces its user like a profile
//! write. A cached session is still re-read from the database at least every
//! [`SESSION_RECHECK`], which bounds what a writer that cannot announce (another process
//! on the same SQLite file) could leave behind.

use std::{
    any::Any,
    collections::HashMap,
    hash::{BuildHasher, Hash},
    sync::{
        Arc, Mutex,
        atomic::{AtomicBool, AtomicU64, Ordering},
    },
    time::{Duration, Instant},
};

use bytes::Bytes;
use sha2::{Digest, Sha256};

use super::{
    ratings::Ratings,
    store::{
        ORIGIN_PREFIX, PROFILE_CHANNEL, ProfileChangeSink, boards::BoardScope,
        sessions::ActiveSession, users::UserSummary,
    },
    users::Users,
};
use crate::{
    domain::{
        User, UserId, boards::Board, lists::ItemList, page::PageRequest, ratings::ProfileRatings,
    },
    error::ApiError,
};

/// The public representations of a user that are cached (one body each).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum ProfileView {
    /// `PublicProfile` (`GET /v1/profiles/{username}`).
    Profile,
    /// `UserView` with `view: public` (`GET /v1/users/{userId}`).
    PublicUser,
    /// Digitomize's profile (`GET /user/profile/{username}`).
    Digitomize,
}

impl ProfileView {
    const ALL: [ProfileView; 3] = [
        ProfileView::Profile,
        ProfileView::PublicUser,
        ProfileView::Digitomize,
    ];
}

/// A listing shown on a profile, cached as pages of its owner.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(crate) enum ProfileListing {
    /// Who follows the owner.
    Followers,
    /// Whom the owner follows.
    Following,
    /// One of the owner's item lists.
    Items(ItemList),
    /// Renderings of the profile that take options (rating cards), by their options.
    Renderings,
}

impl ProfileListing {
    fn all() -> impl Iterator<Item = Self> {
        [Self::Followers, Self::Following, Self::Renderings]
            .into_iter()
            .chain(ItemList::ALL.map(Self::Items))
    }
}

/// The longest a cached session is trusted before the database is asked again.
pub const SESSION_RECHECK: Duration = Duration::from_secs(1);

/// The most pages of one listing kept at once (a client paging further evicts the set).
const PAGES_PER_LISTING: usize = 64;

/// Which user a public view is asked for.
#[derive(Debug, Clone, Copy)]
pub enum ProfileKey<'a> {
    /// By username, in any case.
    Name(&'a str),
    /// By id.
    Id(UserId),
}

/// What every public view is rendered from.
#[derive(Debug, Clone)]
pub struct ProfileData {
    /// The account.
    pub user: User,
    /// Its ratings.
    pub ratings: ProfileRatings,
    /// How many items each of its lists holds (lists with none are left out).
    pub lists: Vec<(crate::domain::lists::ItemList, i64)>,
}

/// A serialised public view and its entity tag.
#[derive(Debug)]
pub struct RenderedProfile {
    /// The JSON body.
    pub body: Bytes,
    /// Strong entity tag, quoted (`"…"`).
    pub etag: String,
    user_id: UserId,
    username_lowercase: Box<str>,
}

impl RenderedProfile {
    fn new(data: &ProfileData, body: Vec<u8>) -> Self {
        let etag = strong_etag(&body);
        Self {
            body: kept(body),
            etag,
            user_id: data.user.id,
            username_lowercase: data.user.username.to_ascii_lowercase().into(),
        }
    }

    /// True when `if_none_match` (an `If-None-Match` header value) names this body.
    pub fn matches(&self, if_none_match: Option<&str>) -> bool {
        etag_named(&self.etag, if_none_match)
    }
}

/// `body` as the cache keeps it: exactly its bytes (serialisers over-allocate).
pub(crate) fn kept(mut body: Vec<u8>) -> Bytes {
    body.shrink_to_fit();
    Bytes::from(body)
}

/// The strong entity tag (quoted) of a body: the first 128 bits of its SHA-256.
pub fn strong_etag(body: &[u8]) -> String {
    let digest = Sha256::digest(body);
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("\"{hex}\"")
}

/// True when `if_none_match` (an `If-None-Match` header value) names `etag` (or is `*`).
pub fn etag_named(etag: &str, if_none_match: Option<&str>) -> bool {
    if_none_match.is_some_and(|header| {
        header.split(',').any(|tag| {
            let tag = tag.trim();
            tag == "*" || tag.strip_prefix("W/").unwrap_or(tag) == etag
        })
    })
}

/// Cache settings.
#[derive(Debug, Clone, Copy)]
pub struct CacheSettings {
    /// Largest total size of cached bodies, in bytes; 0 turns the cache off.
    pub max_bytes: u64,
    /// Longest time an entry is served (bounds what unannounced writers can cause).
    pub time_to_live: Duration,
    /// How long clients may reuse a public profile (`Cache-Control: max-age`).
    pub client_max_age: Duration,
    /// How long clients and proxies may reuse a rating card (`max-age`).
    pub card_max_age: Duration,
    /// How long past that they may still show it while fetching a new one
    /// (`stale-while-revalidate`).
    pub card_stale_while_revalidate: Duration,
}

/// Public profile reads, cached.
#[derive(Debug, Clone)]
pub struct PublicProfiles {
    users: Users,
    ratings: Ratings,
    lists: super::lists::Lists,
    cache: Option<Arc<ProfileCache>>,
    client_max_age: Duration,
    card_cache_control: String,
}

impl PublicProfiles {
    pub(crate) fn new(
        users: Users,
        ratings: Ratings,
        lists: super::lists::Lists,
        cache: Option<Arc<ProfileCache>>,
        settings: &CacheSettings,
    ) -> Self {
        Self {
            users,
            ratings,
            lists,
            cache,
            client_max_age: settings.client_max_age,
            card_cache_control: format!(
                "public, max-age={}, stale-while-revalidate={}",
                settings.card_max_age.as_secs(),
                settings.card_stale_while_revalidate.as_secs()
            ),
        }
    }

    /// `Cache-Control` of a rating card.
    pub fn card_cache_control(&self) -> String {
        self.card_cache_control.clone()
    }

    /// How long clients may reuse a public profile (`Cache-Control: max-age`).
    pub fn client_max_age(&self) -> Duration {
        self.client_max_age
    }

    /// The `view` of the user `key` names, rendered by `render` on a miss, or 404
    /// `USER_NOT_FOUND`.
    pub async fn rendered(
        &self,
        key: ProfileKey<'_>,
        view: ProfileView,
        render: impl FnOnce(&ProfileData) -> Vec<u8>,
    ) -> Result<Arc<RenderedProfile>, ApiError> {
        let Some(cache) = self.cache.as_deref().filter(|cache| cache.serving()) else {
            let data = self.load(key).await?;
            let body = render(&data);
            return Ok(Arc::new(RenderedProfile::new(&data, body)));
        };
        let name = match key {
            ProfileKey::Name(name) => Some(name.to_ascii_lowercase()),
            ProfileKey::Id(_) => None,
        };
        let known_id = match (key, name.as_deref()) {
            (ProfileKey::Id(id), _) => Some(id),
            (ProfileKey::Name(_), Some(name)) => cache.id_named(name),
            _ => None,
        };
        if let Some(id) = known_id
            && let Some(hit) = cache.body(view, id)
            && name
                .as_deref()
                .is_none_or(|name| *hit.username_lowercase == *name)
        {
            return Ok(hit);
        }
        let ticket = cache.ticket(known_id);
        let data = self.load(key).await?;
        let rendered = Arc::new(RenderedProfile::new(&data, render(&data)));
        cache.admit(view, &rendered, ticket);
        Ok(rendered)
    }

    /// A rendering of `username`'s profile named by `options` (a rating card): from the
    /// cache, or `render`ed from the profile's data and cached (about `bytes` in memory)
    /// under the profile's rules. Unknown user → 404 `USER_NOT_FOUND`.
    pub async fn rendering<T: Any + Send + Sync>(
        &self,
        username: &str,
        options: String,
        bytes: impl FnOnce(&T) -> usize,
        render: impl FnOnce(&ProfileData) -> T,
    ) -> Result<Arc<T>, ApiError> {
        let cache = self.cache.as_deref().filter(|cache| cache.serving());
        let name = username.to_ascii_lowercase();
        let known = cache.and_then(|cache| cache.id_named(&name));
        let slot = Slot::Variant(options);
        if let (Some(cache), Some(id)) = (cache, known)
            && let Some(hit) = cache.page::<T>(ProfileListing::Renderings, id, &name, slot.clone())
        {
            return Ok(hit);
        }
        let ticket = cache.map(|cache| cache.ticket(known));
        let data = self.load(ProfileKey::Name(username)).await?;
        let rendered = Arc::new(render(&data));
        if let (Some(cache), Some(ticket)) = (cache, ticket) {
            let size = bytes(&rendered);
            cache.admit_page(
                ProfileListing::Renderings,
                &data.user,
                slot,
                Arc::clone(&rendered),
                size,
                ticket,
            );
        }
        Ok(rendered)
    }

    /// The data behind every public view (never from the cache), in one query.
    pub async fn load(&self, key: ProfileKey<'_>) -> Result<ProfileData, ApiError> {
        let (user, links) = self.users.with_links(key).await?;
        let lists = self.lists.counts(user.id).await?;
        Ok(ProfileData {
            user,
            ratings: ProfileRatings::new(links, self.ratings.weights()),
            lists,
        })
    }

    /// The PostgreSQL `application_name` of this instance's change listener (operators see
    /// it in `pg_stat_activity`; tests use it to cut the connection).
    pub fn listener_name(&self) -> Option<String> {
        self.cache.as_ref().map(|cache| cache.listener_name.clone())
    }

    /// Whether reads are currently answered from the cache (false while it is off or while
    /// the PostgreSQL change listener is disconnected).
    pub fn cache_serving(&self) -> bool {
        self.cache.as_deref().is_some_and(ProfileCache::serving)
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
enum Key {
    Body(ProfileView, UserId),
    Name(Box<str>),
    Pages(ProfileListing, UserId),
    Summary(UserId),
    Sessions(UserId),
    Unread(UserId),
    Board(BoardSlot),
}

/// A cached leaderboard read (see the module docs).
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum BoardSlot {
    /// A page of a board, in a scope.
    Page(Board, BoardScope, PageRequest),
    /// A user's standing on a board, by their name (lowercase).
    Standing(Board, Box<str>),
    /// A page (from 1) of Digitomize's leaderboard of a board.
    Digitomize(Board, i64),
}

#[derive(Debug, Clone)]
enum Entry {
    Body(Arc<RenderedProfile>),
    Name(UserId),
    Pages(Arc<ListingPages>),
    Summary(Arc<UserSummary>),
    Sessions(Arc<HashMap<uuid::Uuid, (ActiveSession, Instant)>>),
    Unread(i64),
    /// A leaderboard read and the epoch it was read in.
    Board(u64, CachedPage),
}

/// Where in a listing's entry a value is kept: a page of it, or a rendering by its options.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) enum Slot {
    /// A page.
    Page(PageRequest),
    /// A rendering, by a text that names its options.
    Variant(String),
}

impl From<PageRequest> for Slot {
    fn from(request: PageRequest) -> Self {
        Self::Page(request)
    }
}

/// A cached page, and roughly what it costs in memory.
#[derive(Clone)]
struct CachedPage {
    page: Arc<dyn Any + Send + Sync>,
    bytes: usize,
}

impl std::fmt::Debug for CachedPage {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CachedPage")
            .field("bytes", &self.bytes)
            .finish_non_exhaustive()
    }
}

/// The cached pages of one listing, for the owner's name they were read under.
#[derive(Clone)]
struct ListingPages {
    username_lowercase: Box<str>,
    pages: HashMap<Slot, CachedPage>,
}

impl std::fmt::Debug for ListingPages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ListingPages")
            .field("username", &self.username_lowercase)
            .field("pages", &self.pages.len())
            .finish()
    }
}

impl ListingPages {
    fn bytes(&self) -> usize {
        self.username_lowercase.len()
            + self
                .pages
                .values()
                .map(|page| page.bytes + 160)
                .sum::<usize>()
    }
}

/// What a fill saw before reading the database (see the module docs).
#[derive(Debug, Clone, Copy)]
pub(crate) struct Ticket {
    epoch: u64,
    stripe: Option<(UserId, u64)>,
}

const STRIPES: usize = 64;

/// The cache itself: bodies and the name index, bounded in bytes.
pub(crate) struct ProfileCache {
    entries: moka::sync::Cache<Key, Entry>,
    stripes: Box<[Mutex<u64>]>,
    hasher: std::collections::hash_map::RandomState,
    epoch: AtomicU64,
    /// False while cross-instance invalidations may be missed (PostgreSQL listener down).
    connected: AtomicBool,
    listener_name: String,
}

impl std::fmt::Debug for ProfileCache {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ProfileCache")
            .field("entries", &self.entries.entry_count())
            .field("serving", &self.serving())
            .finish_non_exhaustive()
    }
}

impl ProfileCache {
    /// A cache of at most `settings.max_bytes`; `connected` says whether it may serve before
    /// a change listener has reported in (true on SQLite, which has no other instances).
    pub(crate) fn new(settings: CacheSettings, connected: bool) -> Self {
        let entries = moka::sync::Cache::builder()
            .max_capacity(settings.max_bytes)
            .weigher(|key: &Key, entry: &Entry| {
                // Payload plus what an entry costs beyond it (moka's node, deque and
                // timer slots, the key, the Arc and the allocator's rounding), measured
                // as RSS per entry with 10,000 users: about 400 bytes.
                let size = match (key, entry) {
                    (_, Entry::Body(body)) => {
                        body.body.len() + body.etag.len() + body.username_lowercase.len() + 400
                    }
                    (Key::Name(name), Entry::Name(_)) => name.len() + 300,
                    (_, Entry::Name(_)) => 300,
                    (_, Entry::Pages(pages)) => pages.bytes() + 400,
                    (_, Entry::Summary(summary)) => summary.bytes() + 400,
                    (_, Entry::Sessions(sessions)) => sessions.len() * 96 + 400,
                    (_, Entry::Unread(_)) => 300,
                    (_, Entry::Board(_, page)) => page.bytes + 400,
                };
                u32::try_from(size).unwrap_or(u32::MAX)
            })
            .time_to_live(settings.time_to_live)
            .build();
        Self {
            entries,
            stripes: (0..STRIPES).map(|_| Mutex::new(0)).collect(),
            hasher: Default::default(),
            epoch: AtomicU64::new(0),
            connected: AtomicBool::new(connected),
            listener_name: format!("profilehub-listener-{}", uuid::Uuid::new_v4().simple()),
        }
    }

    pub(crate) fn serving(&self) -> bool {
        self.connected.load(Ordering::Acquire)
    }

    fn stripe(&self, id: UserId) -> &Mutex<u64> {
        let index = usize::try_from(self.hasher.hash_one(id) % STRIPES as u64).unwrap_or(0);
        &self.stripes[index]
    }

    fn lock(stripe: &Mutex<u64>) -> std::sync::MutexGuard<'_, u64> {
        stripe
            .lock()
            .unwrap_or_else(std::sync::PoisonError::into_inner)
    }

    /// The id of the user last seen named `name` (lowercase): a hint, which may be stale
    /// after a rename.
    pub(crate) fn id_named(&self, name: &str) -> Option<UserId> {
        match self.entries.get(&Key::Name(name.into()))? {
            Entry::Name(id) => Some(id),
            _ => None,
        }
    }

    fn body(&self, view: ProfileView, id: UserId) -> Option<Arc<RenderedProfile>> {
        match self.entries.get(&Key::Body(view, id))? {
            Entry::Body(body) => Some(body),
            _ => None,
        }
    }

    /// What a fill must take before it reads the database: it is admitted only if the user
    /// `id` (or, without an id, every user) is unchanged since.
    pub(crate) fn ticket(&self, id: Option<UserId>) -> Ticket {
        // The epoch is read first: an invalidation bumps it before it takes a stripe.
        let epoch = self.epoch.load(Ordering::Acquire);
        Ticket {
            epoch,
            stripe: id.map(|id| (id, *Self::lock(self.stripe(id)))),
        }
    }

    /// Inserts a freshly read body unless the user changed since `ticket` was taken. The
    /// name index is always updated: it is only a hint.
    fn admit(&self, view: ProfileView, rendered: &Arc<RenderedProfile>, ticket: Ticket) {
        let id = rendered.user_id;
        self.entries.insert(
            Key::Name(rendered.username_lowercase.clone()),
            Entry::Name(id),
        );
        let generation = Self::lock(self.stripe(id));
        if self.unchanged(ticket, id, *generation) {
            self.entries
                .insert(Key::Body(view, id), Entry::Body(Arc::clone(rendered)));
        }
    }

    /// Whether a fill that took `ticket` may be admitted for the user `id` (called with
    /// `id`'s stripe locked, so no invalidation of `id` can slip in before the insert).
    fn unchanged(&self, ticket: Ticket, id: UserId, generation: u64) -> bool {
        let unchanged = match ticket.stripe {
            Some((ticket_id, seen)) if ticket_id == id => generation == seen,
            _ => self.epoch.load(Ordering::Acquire) == ticket.epoch,
        };
        unchanged && self.serving()
    }

    /// The page `request` of `owner`'s `listing`, if cached for the name `name` (lowercase)
    /// as the type `T` it was admitted as.
    pub(crate) fn page<T: Any + Send + Sync>(
        &self,
        listing: ProfileListing,
        owner: UserId,
        name: &str,
        slot: impl Into<Slot>,
    ) -> Option<Arc<T>> {
        let Entry::Pages(pages) = self.entries.get(&Key::Pages(listing, owner))? else {
            return None;
        };
        if *pages.username_lowercase != *name {
            return None;
        }
        Arc::clone(&pages.pages.get(&slot.into())?.page)
            .downcast()
            .ok()
    }

    /// Keeps `page` as the page `request` of `owner`'s `listing` (about `bytes` in memory)
    /// unless the owner changed since `ticket` was taken.
    pub(crate) fn admit_page<T: Any + Send + Sync>(
        &self,
        listing: ProfileListing,
        owner: &User,
        slot: impl Into<Slot>,
        page: Arc<T>,
        bytes: usize,
        ticket: Ticket,
    ) {
        let id = owner.id;
        let name: Box<str> = owner.username.to_ascii_lowercase().into();
        self.entries
            .insert(Key::Name(name.clone()), Entry::Name(id));
        let generation = Self::lock(self.stripe(id));
        if !self.unchanged(ticket, id, *generation) {
            return;
        }
        let key = Key::Pages(listing, id);
        let mut pages = match self.entries.get(&key) {
            Some(Entry::Pages(pages))
                if pages.username_lowercase == name && pages.pages.len() < PAGES_PER_LISTING =>
            {
                ListingPages::clone(&pages)
            }
            _ => ListingPages {
                username_lowercase: name,
                pages: HashMap::new(),
            },
        };
        pages.pages.insert(slot.into(), CachedPage { page, bytes });
        self.entries.insert(key, Entry::Pages(Arc::new(pages)));
    }

    /// The cached summary of each of `ids`, in order (`None` where not cached).
    pub(crate) fn summaries(&self, ids: &[UserId]) -> Vec<Option<Arc<UserSummary>>> {
        ids.iter()
            .map(|&id| match self.entries.get(&Key::Summary(id))? {
                Entry::Summary(summary) => Some(summary),
                _ => None,
            })
            .collect()
    }

    /// Keeps each summary of `read` unless its user changed since `ticket` was taken.
    pub(crate) fn admit_summaries(&self, read: &[(UserId, Arc<UserSummary>)], ticket: Ticket) {
        for (id, summary) in read {
            let generation = Self::lock(self.stripe(*id));
            if self.unchanged(ticket, *id, *generation) {
                self.entries
                    .insert(Key::Summary(*id), Entry::Summary(Arc::clone(summary)));
            }
        }
    }

    /// The session `session` of `user`, if cached as live less than [`SESSION_RECHECK`]
    /// ago.
    pub(crate) fn session(&self, user: UserId, session: uuid::Uuid) -> Option<ActiveSession> {
        let Entry::Sessions(sessions) = self.entries.get(&Key::Sessions(user))? else {
            return None;
        };
        let (live, seen) = sessions.get(&session)?;
        (seen.elapsed() < SESSION_RECHECK).then_some(*live)
    }

    /// Keeps `live` as the live session `session` of `user`, read from the database after
    /// `ticket` was taken, unless the user changed since.
    pub(crate) fn admit_session(
        &self,
        user: UserId,
        session: uuid::Uuid,
        live: ActiveSession,
        seen: Instant,
        ticket: Ticket,
    ) {
        let generation = Self::lock(self.stripe(user));
        if !self.unchanged(ticket, user, *generation) {
            return;
        }
        let key = Key::Sessions(user);
        let mut sessions = match self.entries.get(&key) {
            Some(Entry::Sessions(sessions)) => HashMap::clone(&sessions),
            _ => HashMap::new(),
        };
        sessions.retain(|_, (_, at)| at.elapsed() < SESSION_RECHECK);
        sessions.insert(session, (live, seen));
        self.entries
            .insert(key, Entry::Sessions(Arc::new(sessions)));
    }

    /// `user`'s unread notifications, if cached.
    pub(crate) fn unread(&self, user: UserId) -> Option<i64> {
        match self.entries.get(&Key::Unread(user))? {
            Entry::Unread(count) => Some(count),
            _ => None,
        }
    }

    /// Keeps `count` as `user`'s unread notifications unless the user changed since
    /// `ticket` was taken.
    pub(crate) fn admit_unread(&self, user: UserId, count: i64, ticket: Ticket) {
        let generation = Self::lock(self.stripe(user));
        if self.unchanged(ticket, user, *generation) {
            self.entries.insert(Key::Unread(user), Entry::Unread(count));
        }
    }

    /// The cached leaderboard read `slot`, if no user changed since it was read.
    pub(crate) fn board<T: Any + Send + Sync>(&self, slot: &BoardSlot) -> Option<Arc<T>> {
        let Entry::Board(epoch, page) = self.entries.get(&Key::Board(slot.clone()))? else {
            return None;
        };
        if epoch != self.epoch.load(Ordering::Acquire) || !self.serving() {
            return None;
        }
        Arc::clone(&page.page).downcast().ok()
    }

    /// Keeps `value` (about `bytes` in memory) as the leaderboard read `slot`, read after
    /// `ticket` was taken. It is stored under the ticket's epoch, so if any user changed
    /// meanwhile it is never served.
    pub(crate) fn admit_board<T: Any + Send + Sync>(
        &self,
        slot: BoardSlot,
        value: Arc<T>,
        bytes: usize,
        ticket: Ticket,
    ) {
        if ticket.epoch != self.epoch.load(Ordering::Acquire) || !self.serving() {
            return;
        }
        self.entries.insert(
            Key::Board(slot),
            Entry::Board(ticket.epoch, CachedPage { page: value, bytes }),
        );
    }

    /// Drops everything cached about `ids` (bodies, listings, summaries, sessions, unread
    /// counts), and stops fills that started before.
    pub(crate) fn invalidate(&self, ids: &[UserId]) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        for &id in ids {
            let mut generation = Self::lock(self.stripe(id));
            *generation += 1;
            for view in ProfileView::ALL {
                self.entries.invalidate(&Key::Body(view, id));
            }
            for listing in ProfileListing::all() {
                self.entries.invalidate(&Key::Pages(listing, id));
            }
            self.entries.invalidate(&Key::Summary(id));
            self.entries.invalidate(&Key::Sessions(id));
            self.entries.invalidate(&Key::Unread(id));
        }
    }

    /// Drops everything (after notifications may have been missed).
    fn flush(&self) {
        self.epoch.fetch_add(1, Ordering::AcqRel);
        for stripe in self.stripes.iter() {
            *Self::lock(stripe) += 1;
        }
        self.entries.invalidate_all();
    }

    /// Stops serving until [`ProfileCache::reconnected`].
    fn disconnected(&self) {
        self.connected.store(false, Ordering::Release);
    }

    /// Flushes and serves again.
    fn reconnected(&self) {
        self.flush();
        self.connected.store(true, Ordering::Release);
    }
}

impl ProfileChangeSink for ProfileCache {
    fn profiles_changed(&self, ids: &[UserId]) {
        self.invalidate(ids);
    }

    fn origin(&self) -> Option<&str> {
        Some(&self.listener_name)
    }
}

/// The users an announcement names (none for one that changed whole boards, which still
/// ends every cached board read), or `None` when this process sent it itself (`own`: its
/// origin), having invalidated them right after its commit: hearing its own announcement
/// again, late, would only throw away entries filled since.
fn announced(payload: &str, own: &str) -> Option<Vec<UserId>> {
    let mut ids = Vec::new();
    for part in payload.split(',').map(str::trim) {
        match part.strip_prefix(ORIGIN_PREFIX) {
            Some(origin) if origin == own => return None,
            Some(_) => {}
            None => ids.extend(uuid::Uuid::parse_str(part).ok()),
        }
    }
    Some(ids)
}

/// Keeps `cache` in step with the other instances on a PostgreSQL database: listens on
/// [`PROFILE_CHANNEL`] and invalidates what they announce. The cache does not serve until
/// the first `LISTEN` succeeded, nor while the connection is down; each reconnection
/// flushes it. Runs until the process ends.
pub(crate) fn listen_for_changes(cache: Arc<ProfileCache>, database_url: String) {
    tokio::spawn(async move {
        let mut delay = Duration::from_millis(50);
        loop {
            match connect_listener(&database_url, &cache.listener_name).await {
                Ok(mut listener) => {
                    cache.reconnected();
                    delay = Duration::from_millis(50);
                    // `Ok(None)` or an error: the connection is gone, and with it whatever
                    // was announced until we listen again.
                    while let Ok(Some(notification)) = listener.try_recv().await {
                        if let Some(ids) = announced(notification.payload(), &cache.listener_name) {
                            cache.invalidate(&ids);
                        }
                    }
                    cache.disconnected();
                    tracing::warn!(
                        "lost the profile-change listener; serving profiles from the database \
                         until it reconnects"
                    );
                }
                Err(err) => {
                    tracing::warn!(error = %err, retry_in = ?delay, "cannot listen for profile changes");
                }
            }
            tokio::time::sleep(delay).await;
            delay = (delay * 2).min(Duration::from_secs(5));
        }
    });
}

async fn connect_listener(
    url: &str,
    application_name: &str,
) -> Result<sqlx::postgres::PgListener, sqlx::Error> {
    use sqlx::postgres::{PgConnectOptions, PgListener, PgPoolOptions};
    let options: PgConnectOptions = url.parse()?;
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .acquire_timeout(Duration::from_secs(5))
        .connect_with(options.application_name(application_name))
        .await?;
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.listen(PROFILE_CHANNEL).await?;
    Ok(listener)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::services::store::BOARDS_REBUILT;
    use chrono::Utc;

    fn data(name: &str) -> ProfileData {
        ProfileData {
            user: User {
                id: uuid::Uuid::new_v4(),
                username: name.into(),
                email: format!("{name}@example.com"),
                name: None,
                bio: None,
                picture_url: None,
                banner_url: None,
                website_url: None,
                location: None,
                date_of_birth: None,
                phone_number: None,
                skills: vec![],
                social: Default::default(),
                visibility: Default::default(),
                role: crate::domain::Role::User,
                enabled: true,
                email_verified: false,
                referrer_id: None,
                followers: 0,
                following: 0,
                referral_code: None,
                attributes: Default::default(),
                required_actions: Vec::new(),
                created_at: Utc::now(),
                updated_at: Utc::now(),
            },
            ratings: ProfileRatings::default(),
            lists: Vec::new(),
        }
    }

    fn cache() -> ProfileCache {
        ProfileCache::new(
            CacheSettings {
                max_bytes: 1 << 20,
                time_to_live: Duration::from_secs(60),
                client_max_age: Duration::from_secs(30),
                card_max_age: Duration::from_secs(300),
                card_stale_while_revalidate: Duration::from_secs(86_400),
            },
            true,
        )
    }

    #[test]
    fn a_fill_that_raced_an_invalidation_is_not_admitted() {
        let cache = cache();
        let alice = data("Alice");
        let id = alice.user.id;
        let ticket = cache.ticket(Some(id));
        // The write commits and invalidates while the fill is reading.
        cache.invalidate(&[id]);
        let stale = Arc::new(RenderedProfile::new(&alice, b"{\"old\":1}".to_vec()));
        cache.admit(ProfileView::Profile, &stale, ticket);
        assert!(cache.body(ProfileView::Profile, id).is_none());

        let ticket = cache.ticket(Some(id));
        cache.admit(ProfileView::Profile, &stale, ticket);
        assert!(cache.body(ProfileView::Profile, id).is_some());
        assert_eq!(cache.id_named("alice"), Some(id));
    }

    #[test]
    fn a_fill_by_name_is_refused_after_any_invalidation() {
        let cache = cache();
        let bob = data("bob");
        let ticket = cache.ticket(None);
        cache.invalidate(&[uuid::Uuid::new_v4()]);
        let body = Arc::new(RenderedProfile::new(&bob, b"{}".to_vec()));
        cache.admit(ProfileView::Digitomize, &body, ticket);
        assert!(cache.body(ProfileView::Digitomize, bob.user.id).is_none());
        assert_eq!(cache.id_named("bob"), Some(bob.user.id), "the hint is kept");
    }

    #[test]
    fn a_disconnected_cache_admits_nothing_and_reconnecting_flushes_it() {
        let cache = cache();
        let carol = data("carol");
        let body = Arc::new(RenderedProfile::new(&carol, b"{}".to_vec()));
        cache.admit(
            ProfileView::Profile,
            &body,
            cache.ticket(Some(carol.user.id)),
        );
        assert!(cache.body(ProfileView::Profile, carol.user.id).is_some());
        cache.disconnected();
        assert!(!cache.serving());
        cache.reconnected();
        assert!(cache.serving());
        assert!(cache.body(ProfileView::Profile, carol.user.id).is_none());
    }

    #[test]
    fn a_listing_page_is_dropped_with_its_owner_and_a_raced_fill_is_refused() {
        let cache = cache();
        let erin = data("Erin");
        let id = erin.user.id;
        let first = PageRequest::new(None, None).unwrap();
        let listing = ProfileListing::Followers;
        cache.admit_page(
            listing,
            &erin.user,
            first.clone(),
            Arc::new(7_u32),
            8,
            cache.ticket(Some(id)),
        );
        let hit = cache.page::<u32>(listing, id, "erin", first.clone());
        assert_eq!(hit.as_deref(), Some(&7));
        assert!(
            cache
                .page::<u32>(listing, id, "someone-else", first.clone())
                .is_none(),
            "another name"
        );
        assert!(
            cache
                .page::<String>(listing, id, "erin", first.clone())
                .is_none(),
            "another type"
        );
        assert!(
            cache
                .page::<u32>(ProfileListing::Following, id, "erin", first.clone())
                .is_none()
        );

        cache.invalidate(&[id]);
        assert!(
            cache
                .page::<u32>(listing, id, "erin", first.clone())
                .is_none()
        );
        let ticket = cache.ticket(Some(id));
        cache.invalidate(&[id]);
        cache.admit_page(
            listing,
            &erin.user,
            first.clone(),
            Arc::new(8_u32),
            8,
            ticket,
        );
        assert!(
            cache
                .page::<u32>(listing, id, "erin", first.clone())
                .is_none(),
            "raced a write"
        );
    }

    #[test]
    fn a_users_summary_is_dropped_with_them_and_a_raced_fill_is_refused() {
        let cache = cache();
        let id = uuid::Uuid::new_v4();
        let summary = Arc::new(UserSummary {
            username: "frank".into(),
            name: None,
            picture_url: None,
        });
        let ticket = cache.ticket(None);
        cache.invalidate(&[uuid::Uuid::new_v4()]);
        cache.admit_summaries(&[(id, Arc::clone(&summary))], ticket);
        assert!(
            cache.summaries(&[id])[0].is_none(),
            "a write happened meanwhile"
        );
        cache.admit_summaries(&[(id, Arc::clone(&summary))], cache.ticket(None));
        assert_eq!(cache.summaries(&[id])[0].as_deref(), Some(&*summary));
        cache.invalidate(&[id]);
        assert!(cache.summaries(&[id])[0].is_none());
    }

    #[test]
    fn etags_match_their_own_body_only() {
        let dave = data("dave");
        let body = RenderedProfile::new(&dave, b"{\"a\":1}".to_vec());
        let other = RenderedProfile::new(&dave, b"{\"a\":2}".to_vec());
        assert_ne!(body.etag, other.etag);
        assert!(body.matches(Some(&body.etag)));
        assert!(body.matches(Some(&format!("\"x\", W/{}", body.etag))));
        assert!(body.matches(Some("*")));
        assert!(!body.matches(Some(&other.etag)));
        assert!(!body.matches(None));
    }

    #[test]
    fn an_instance_skips_its_own_announcements_and_applies_everyone_elses() {
        let (a, b) = (uuid::Uuid::new_v4(), uuid::Uuid::new_v4());
        let ids = format!("{a},{b}");
        let named = |payload: &str| announced(payload, "me");
        assert_eq!(named(&ids), Some(vec![a, b]), "a process without a cache");
        assert_eq!(named(&format!("{ids},from:other")), Some(vec![a, b]));
        assert_eq!(named(&format!("{ids},from:me")), None);
        assert_eq!(named(&format!(" {a} ,junk")), Some(vec![a]));
        assert_eq!(named(BOARDS_REBUILT), Some(vec![]), "every board read ends");
    }
}
